import { createMemo, createSignal, For, Show } from 'solid-js';
import { done, failed, type Outcome, OutcomeLine } from './outcome';
import { SheetImport } from './setup-import';
import { st } from './setup-text';
import type { StepProps } from './setup-view';
import { ct } from './text';
import { consoleApi } from './use-api';

const TYPES = ['so', 'huyen', 'xa'] as const;
const SHOWN = 200;

/**
 * Step 6: quotas in bulk per unit type × group (no file needed), from a spreadsheet, or one by
 * one. Editable while the campaign is open: fieldwork shows where more forms are needed.
 */
export function SetupQuotas(props: StepProps) {
  const editable = () => props.campaign.status === 'draft' || props.campaign.status === 'open';
  const types = () => TYPES.filter((t) => props.campaign.units.some((u) => u.type === t));
  const [rules, setRules] = createSignal<Record<string, { target?: number; min?: number }>>({});
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [filter, setFilter] = createSignal('');
  const edit = (key: string, field: 'target' | 'min', value: string) =>
    setRules((r) => ({ ...r, [key]: { ...r[key], [field]: value === '' ? undefined : Number(value) } }));

  const applyBulk = async (e: SubmitEvent) => {
    e.preventDefault();
    const list = Object.entries(rules())
      .filter(([, r]) => r.target !== undefined)
      .map(([key, r]) => {
        const [unitType = '', group = ''] = key.split('|');
        return { unitType, group, target: r.target, minRespondents: r.min ?? 3 };
      });
    if (list.length === 0) return;
    const result = await consoleApi.postJson<{ cells: number }>(props.token, `/api/campaigns/${props.campaign.id}/quotas/bulk`, { rules: list });
    if (!result.ok) return setOutcome(failed(result.failure));
    setOutcome(done(st().bulkDone(result.value.cells)));
    setRules({});
    props.reload();
  };
  const setOne = async (unitId: string, group: string, target: number, minRespondents: number) => {
    const result = await consoleApi.change(props.token, 'PUT', `/api/campaigns/${props.campaign.id}/quotas/${unitId}/${encodeURIComponent(group)}`, { target, minRespondents });
    if (!result.ok) return setOutcome(failed(result.failure));
    setOutcome(done(st().saved));
    props.reload();
  };

  const unitById = createMemo(() => new Map(props.campaign.units.map((u) => [u.id, u])));
  const groupName = (code: string) => props.campaign.groups.find((g) => g.code === code)?.name ?? code;
  const rows = createMemo(() => {
    const f = filter().trim().toLowerCase();
    return props.campaign.quotas
      .map((q) => ({ q, u: unitById().get(q.unitId) }))
      .filter((x) => x.u && (!f || x.u.code.toLowerCase().includes(f) || x.u.name.toLowerCase().includes(f)))
      .sort((a, b) => (a.u?.code ?? '').localeCompare(b.u?.code ?? '') || a.q.group.localeCompare(b.q.group));
  });

  return (
    <section class="card">
      <h2>{st().steps.quotas}</h2>
      <Show when={editable() && types().length > 0}>
        <p class="muted">{st().bulkLead}</p>
        <form onSubmit={(e) => void applyBulk(e)}>
          <div class="scroll">
            <table class="cmp stack-on-phone" data-testid="bulk-quotas">
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
                        {(t) => (
                          <td class="label-above" data-label={ct().types[t]}>
                            <div class="num-pair">
                              <input class="field num" type="number" min="0" max="100000" placeholder={st().target} aria-label={`${st().target} ${g.name} ${ct().types[t]}`} value={rules()[`${t}|${g.code}`]?.target ?? ''} onInput={(e) => edit(`${t}|${g.code}`, 'target', e.currentTarget.value)} />
                            <input class="field num" type="number" min="0" max="100000" placeholder={`${st().minimum} (3)`} aria-label={`${st().minimum} ${g.name} ${ct().types[t]}`} value={rules()[`${t}|${g.code}`]?.min ?? ''} onInput={(e) => edit(`${t}|${g.code}`, 'min', e.currentTarget.value)} />
                            </div>
                          </td>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <button class="btn" type="submit">
            {st().applyBulk}
          </button>
        </form>
      </Show>
      <OutcomeLine outcome={outcome()} />
      <SheetImport<{ cells: number; totalTarget: number }>
        token={props.token}
        base={`/api/campaigns/${props.campaign.id}/quotas`}
        fileName="chi-tieu"
        disabled={!editable()}
        onSaved={props.reload}
        preview={(p) => <p class="banner">{st().quotasPreview(p.cells, p.totalTarget)}</p>}
      />
      <h3>{st().steps.quotas}</h3>
      <input class="field" type="search" aria-label={st().filter} placeholder={st().filter} value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
      <p class="muted">{st().shown(Math.min(SHOWN, rows().length), props.campaign.quotas.length)}</p>
      <div class="scroll">
        <table class="cmp stack-on-phone" data-testid="quota-list">
          <thead>
            <tr>
              <th>{ct().unit}</th>
              <th>{ct().group}</th>
              <th>{st().target}</th>
              <th>{st().minimum}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows().slice(0, SHOWN)}>
              {({ q, u }) => (
                <tr>
                  <td class="row-head">
                    {u?.name} <code>{u?.code}</code>
                  </td>
                  <td data-label={ct().group}>{groupName(q.group)}</td>
                  <td data-label={st().target}>
                    <input class="field num" type="number" min="0" aria-label={`${st().target} ${u?.code} ${q.group}`} disabled={!editable()} value={q.target} onChange={(e) => void setOne(q.unitId, q.group, Number(e.currentTarget.value), q.minRespondents)} />
                  </td>
                  <td data-label={st().minimum}>
                    <input class="field num" type="number" min="0" aria-label={`${st().minimum} ${u?.code} ${q.group}`} disabled={!editable()} value={q.minRespondents} onChange={(e) => void setOne(q.unitId, q.group, q.target, Number(e.currentTarget.value))} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
