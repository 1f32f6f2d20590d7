import { createSignal, For, Show } from 'solid-js';
import type { CampaignSummary } from '../../../survey-forms/src/api';
import type { ProblemItem } from '../../lib/api';
import { ConfirmButton, done, failed, type Outcome, OutcomeLine } from './outcome';
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
  const [outcome, setOutcome] = createSignal<Outcome>();
  const problems = () => {
    const r = refused();
    if (r) return r;
    const c = check();
    return c?.ok ? c.value.problems : [];
  };
  const open = async () => {
    const result = await consoleApi.postJson<CampaignSummary>(props.token, `/api/campaigns/${props.campaign.id}/status`, { status: 'open' });
    if (!result.ok) {
      setRefused(result.failure.kind === 'http' ? result.failure.errors : undefined);
      return setOutcome(failed({ detail: result.failure.detail }));
    }
    setRefused(undefined);
    setOutcome(done(st().opened));
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
          <ConfirmButton ask={st().confirmOpen} onConfirm={open}>
            {st().open}
          </ConfirmButton>
        </div>
      </Show>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}
