import { createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { navigate } from '../../lib/router';
import { Failure } from './failure';
import { failed, type Outcome, OutcomeLine } from './outcome';
import { st } from './setup-text';
import type { StepProps } from './setup-view';
import { ct } from './text';
import { consoleApi, failureOf, useJson } from './use-api';

/** GET /api/questionnaires items: the latest version's group, mode and unit type. */
interface Published {
  id: string;
  latestVersion: number;
  title: string;
  group: string;
  mode: 'own_unit' | 'cross';
  unitType: string;
}

const TYPES = ['so', 'huyen', 'xa'] as const;

/**
 * Step 5: the questionnaire of each group × unit type, chosen from the published ones whose own
 * group and unit type fit the cell. Unit types shown are those the campaign has (all three
 * before units are imported). New questionnaires come from the questionnaire import page.
 */
export function SetupForms(props: StepProps) {
  const [published, refetch] = useJson<Published[]>(() => props.token, () => '/api/questionnaires');
  const [outcome, setOutcome] = createSignal<Outcome>();
  const types = () => {
    const present = TYPES.filter((t) => props.campaign.units.some((u) => u.type === t));
    return present.length > 0 ? present : [...TYPES];
  };
  const list = () => {
    const p = published();
    return p?.ok ? p.value : [];
  };
  const chosen = (group: string, type: string) => props.campaign.questionnaires.find((q) => q.group === group && q.unitType === type);
  const set = async (group: string, type: string, value: string) => {
    const path = `/api/campaigns/${props.campaign.id}/forms/${encodeURIComponent(group)}/${type}`;
    const q = list().find((x) => x.id === value);
    const result = q
      ? await consoleApi.change<CampaignDetail>(props.token, 'PUT', path, { questionnaireId: q.id, version: q.latestVersion })
      : await consoleApi.change<CampaignDetail>(props.token, 'DELETE', path);
    setOutcome(result.ok ? undefined : failed(result.failure));
    if (!result.ok) return;
    props.reload();
  };

  return (
    <section class="card">
      <h2>{st().steps.forms}</h2>
      <p class="muted">{st().formsLead}</p>
      <a href="/console/questionnaires" onClick={(e) => (e.preventDefault(), navigate('/console/questionnaires'))}>
        {st().importQuestionnaire}
      </a>
      <Show when={failureOf(published())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <div class="scroll">
        <table class="cmp stack-on-phone" data-testid="forms-matrix">
          <thead>
            <tr>
              <th>{ct().group}</th>
              <For each={types()}>{(t) => <th>{ct().types[t]}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.campaign.groups}>
              {(g) => (
                <tr>
                  <td class="row-head">{g.name}</td>
                  <For each={types()}>
                    {(t) => {
                      const fits = () => list().filter((q) => q.group === g.code && q.unitType === t);
                      return (
                        <td class="label-above" data-label={ct().types[t]}>
                          <select
                            class="field"
                            aria-label={`${g.name} · ${ct().types[t]}`}
                            disabled={props.campaign.status !== 'draft' || (fits().length === 0 && !chosen(g.code, t))}
                            value={chosen(g.code, t)?.id ?? ''}
                            onChange={(e) => void set(g.code, t, e.currentTarget.value)}
                          >
                            <option value="">{fits().length === 0 ? st().notServed : st().noForm}</option>
                            <For each={fits()}>{(q) => <option value={q.id}>{`${q.title} (v${q.latestVersion})`}</option>}</For>
                          </select>
                          {/* The whole title, which a phone's narrow list cuts short, then the id and version. */}
                          <Show when={chosen(g.code, t)}>{(q) => <div class="muted wrap">{`${q().title} · ${q().id} v${q().version}`}</div>}</Show>
                        </td>
                      );
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}
