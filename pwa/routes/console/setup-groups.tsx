import { createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { ConfirmButton, failed, type Outcome, OutcomeLine } from './outcome';
import { st } from './setup-text';
import type { StepProps } from './setup-view';
import { ct } from './text';
import { consoleApi } from './use-api';

/** Step 2: respondent groups (code, name, weight): the five defaults, and whatever else the province surveys. Draft only. */
export function SetupGroups(props: StepProps) {
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [code, setCode] = createSignal('');
  const [name, setName] = createSignal('');
  const [weight, setWeight] = createSignal(1);
  const draft = () => props.campaign.status === 'draft';
  const base = () => `/api/campaigns/${props.campaign.id}/groups`;
  const done = (result: { ok: true } | { ok: false; failure: { detail: string } }) => {
    setOutcome(result.ok ? undefined : failed(result.failure));
    if (!result.ok) return;
    props.reload();
  };

  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    const result = await consoleApi.postJson<CampaignDetail>(props.token, base(), { code: code().trim(), name: name().trim(), weight: weight() });
    if (result.ok) {
      setCode('');
      setName('');
      setWeight(1);
    }
    done(result);
  };
  const edit = async (g: CampaignDetail['groups'][number], field: 'name' | 'weight', value: string) => {
    const next = { ...g, [field]: field === 'weight' ? Number(value) : value.trim() };
    done(await consoleApi.change<CampaignDetail>(props.token, 'PUT', `${base()}/${encodeURIComponent(g.code)}`, next));
  };
  const remove = async (g: CampaignDetail['groups'][number]) => {
    done(await consoleApi.change<CampaignDetail>(props.token, 'DELETE', `${base()}/${encodeURIComponent(g.code)}`));
  };

  return (
    <section class="card">
      <h2>{st().steps.groups}</h2>
      <table class="cmp groups-table">
        <thead>
          <tr>
            <th>{ct().group}</th>
            <th>{st().weight}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={props.campaign.groups}>
            {(g) => (
              <tr>
                <td>
                  <code>{g.code}</code>
                  <input class="field" aria-label={`${ct().group} ${g.code}`} disabled={!draft()} value={g.name} onChange={(e) => void edit(g, 'name', e.currentTarget.value)} />
                </td>
                <td>
                  <input class="field short" aria-label={`${st().weight} ${g.code}`} type="number" min="0.01" max="100" step="0.01" disabled={!draft()} value={g.weight} onChange={(e) => void edit(g, 'weight', e.currentTarget.value)} />
                </td>
                <td>
                  <ConfirmButton secondary ask={st().confirmRemoveGroup(g.name)} disabled={!draft()} onConfirm={() => remove(g)}>
                    {st().remove}
                  </ConfirmButton>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={draft()}>
        <form class="row-actions" onSubmit={(e) => void add(e)}>
          <input class="field" aria-label={st().code} placeholder="mat_tran_to_quoc" required pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*" maxLength={64} value={code()} onInput={(e) => setCode(e.currentTarget.value)} />
          <input class="field" aria-label={ct().group} placeholder="Lãnh đạo Ủy ban MTTQ" required value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <input class="field" aria-label={st().weight} type="number" min="0.01" max="100" step="0.01" value={weight()} onInput={(e) => setWeight(Number(e.currentTarget.value))} />
          <button class="btn" type="submit">
            {st().add}
          </button>
        </form>
      </Show>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}
