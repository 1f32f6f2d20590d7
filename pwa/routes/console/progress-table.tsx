import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { formatCount, formatNumber } from '../../../survey-forms/src/number-format';
import { Failure } from './failure';
import { ProgressCollectors } from './progress-collectors';
import { ProgressDaily } from './progress-daily';
import { progressTotals } from './progress-totals';
import { rt } from './results-text';
import { ct } from './text';
import type { ProgressReply, ProgressRow } from './types';
import { failureOf, okValue, useJson } from './use-api';
import './results.css';

const rate = (r: Pick<ProgressRow, 'quota' | 'responses'>) => (r.quota > 0 ? Math.min(1, r.responses / r.quota) : 1);
const percentOf = (r: Pick<ProgressRow, 'quota' | 'responses'>) => `${formatNumber(rate(r) * 100)}%`;

/**
 * Fieldwork progress: responses against quota per unit and group, filtered by unit type,
 * parent unit and group, the furthest behind first (below the quota's minimum before all), so
 * staff chase the gaps; then the daily trend and what each collector brought in.
 */
export function ProgressTable(props: { token: string; campaign: CampaignDetail }) {
  const [data, refetch] = useJson<ProgressReply>(() => props.token, () => `/api/campaigns/${props.campaign.id}/progress`);
  const [group, setGroup] = createSignal('');
  const [type, setType] = createSignal('');
  const [parent, setParent] = createSignal('');
  const groupName = (code: string) => props.campaign.groups.find((g) => g.code === code)?.name ?? code;
  const types = createMemo(() => [...new Set(props.campaign.units.map((u) => u.type))]);
  const parents = createMemo(() => {
    const ids = new Set(props.campaign.units.flatMap((u) => (u.parentId ? [u.parentId] : [])));
    return props.campaign.units.filter((u) => ids.has(u.id));
  });
  const filtered = createMemo(() => {
    const d = data();
    if (!d?.ok) return [];
    return d.value.units.filter((r) => (!group() || r.group === group()) && (!type() || r.type === type()) && (!parent() || r.parentId === parent()));
  });
  const below = (r: ProgressRow) => r.responses < r.minimum;
  const rows = createMemo(() =>
    [...filtered()].sort((a, b) => Number(below(b)) - Number(below(a)) || rate(a) - rate(b) || b.quota - b.responses - (a.quota - a.responses) || a.code.localeCompare(b.code)),
  );
  // With a unit filter the rows are what is summed (a cross form counts once per unit it rates: "ratings");
  // without one, the API's own totals count each response once (progress-totals.ts).
  const unitFiltered = () => Boolean(type() || parent());
  const totals = createMemo(() => {
    const d = data();
    if (!d?.ok) return { quota: 0, responses: 0 };
    if (!unitFiltered()) return progressTotals(d.value, group());
    return filtered().reduce((s, r) => ({ quota: s.quota + r.quota, responses: s.responses + r.responses }), { quota: 0, responses: 0 });
  });
  const select = (id: string, label: string, value: () => string, set: (v: string) => void, all: string, options: () => { value: string; label: string }[]) => (
    <div class="filter">
      <label class="lbl" for={id}>
        {label}
      </label>
      <select id={id} class="field" value={value()} onChange={(e) => set(e.currentTarget.value)}>
        <option value="">{all}</option>
        <For each={options()}>{(o) => <option value={o.value}>{o.label}</option>}</For>
      </select>
    </div>
  );
  const loaded = () => okValue(data());
  return (
    <>
      <Show when={loaded()}>{(p) => <ProgressDaily daily={p().daily} />}</Show>
      <section class="card">
        <div class="filters">
          {select('progress-type', rt().unitType, type, setType, ct().allTypes, () => types().map((t) => ({ value: t, label: ct().types[t] ?? t })))}
          <Show when={parents().length > 0}>
            {select('progress-parent', rt().parent, parent, setParent, rt().allParents, () => parents().map((u) => ({ value: u.id, label: u.name })))}
          </Show>
          {select('progress-group', ct().group, group, setGroup, ct().allGroups, () => props.campaign.groups.map((g) => ({ value: g.code, label: g.name })))}
        </div>
        <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
        <p class="muted">
          {ct().gapsFirst} {ct().crossCounted}
        </p>
        <p>
          <strong>{unitFiltered() ? rt().ratings : ct().total}:</strong> {formatCount(totals().responses)} / {formatCount(totals().quota)} ({percentOf(totals())})
        </p>
        <table class="cmp progress-rows collapse">
          <thead>
            <tr>
              <th scope="col">{ct().unit}</th>
              <th scope="col">{ct().group}</th>
              <th scope="col" class="num">
                {ct().responses}
              </th>
              <th scope="col" class="num">
                {rt().gap}
              </th>
              <th scope="col">{ct().rate}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr classList={{ 'below-minimum': below(r) }}>
                  <td>
                    {r.name} <span class="muted code">{r.code}</span>
                  </td>
                  <td data-label={ct().group}>{groupName(r.group)}</td>
                  <td class="num" data-label={ct().responses}>
                    {formatCount(r.responses)} / {formatCount(r.quota)}
                    <Show when={below(r)}>
                      <div class="tag rejected">{rt().belowMinimum}</div>
                    </Show>
                    <Show when={!below(r) && r.minimum > 0}>
                      <div class="muted">{rt().minimum(formatCount(r.minimum))}</div>
                    </Show>
                  </td>
                  <td class="num" data-label={rt().gap}>
                    {formatCount(Math.max(0, r.quota - r.responses))}
                  </td>
                  <td data-label={ct().rate}>
                    <div class="progress" role="img" aria-label={percentOf(r)}>
                      <span style={{ width: `${Math.round(rate(r) * 100)}%` }} />
                    </div>
                    <span class="muted">{percentOf(r)}</span>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <Show when={loaded()}>{(p) => <ProgressCollectors collectors={p().collectors} />}</Show>
    </>
  );
}
