import { createSignal, For, Show } from 'solid-js';
import type { CampaignSummary } from '../../../survey-forms/src/api';
import type { ProblemItem } from '../../lib/api';
import { failureText } from './setup-dates';
import { st } from './setup-text';
import type { StepProps } from './setup-view';
import { consoleApi, useJson } from './use-api';

/**
 * Step 7: every problem that still blocks opening (GET /readiness, the same check the opening
 * runs), then opening, which asks for confirmation because it cannot be undone. A refused
 * opening lists the server's problems; a successful one shows the new status at once.
 */
export function SetupOpen(props: StepProps) {
  const [check, recheck] = useJson<{ ready: boolean; problems: ProblemItem[] }>(() => props.token, () => `/api/campaigns/${props.campaign.id}/readiness`);
  const [refused, setRefused] = createSignal<ProblemItem[]>();
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const problems = () => {
    const r = refused();
    if (r) return r;
    const c = check();
    return c?.ok ? c.value.problems : [];
  };
  const open = async () => {
    if (!confirm(st().confirmOpen)) return;
    const result = await consoleApi.postJson<CampaignSummary>(props.token, `/api/campaigns/${props.campaign.id}/status`, { status: 'open' });
    if (!result.ok) {
      setRefused(result.failure.kind === 'http' ? result.failure.errors : undefined);
      return setMessage({ ok: false, text: failureText({ detail: result.failure.detail }) });
    }
    setRefused(undefined);
    setMessage({ ok: true, text: st().opened });
    props.reload();
  };
  return (
    <section class="card">
      <h2>{st().readyTitle}</h2>
      <Show when={props.campaign.status === 'draft'} fallback={<p class="ok">{st().notDraft}</p>}>
        <Show when={problems().length > 0} fallback={<Show when={check()?.ok}><p class="ok">{st().ready}</p></Show>}>
          <p class="warn">{st().problems(problems().length)}</p>
          <ol data-testid="open-problems">
            <For each={problems()}>{(p) => <li>{p.message}</li>}</For>
          </ol>
        </Show>
        <div class="row-actions">
          <button class="btn secondary" type="button" onClick={() => (setRefused(undefined), recheck())}>
            {st().recheck}
          </button>
          <button class="btn" type="button" onClick={() => void open()}>
            {st().open}
          </button>
        </div>
      </Show>
      <Show when={message()}>
        {(m) => (
          <p class={m().ok ? 'ok' : 'err'} role={m().ok ? 'status' : 'alert'}>
            {m().text}
          </p>
        )}
      </Show>
    </section>
  );
}
