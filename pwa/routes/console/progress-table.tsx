import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { Failure } from './failure';
import { progressTotals } from './progress-totals';
import { ct } from './text';
import type { ProgressReply, ProgressRow } from './types';
import { failureOf, useJson } from './use-api';

const rate = (r: Pick<ProgressRow, 'quota' | 'responses'>) => (r.quota > 0 ? Math.min(1, r.responses / r.quota) : 1);

/** Responses against quota per unit and group, the furthest behind first, so staff chase the gaps. */
export function ProgressTable(props: { token: string; campaign: CampaignDetail }) {
  const [data, refetch] = useJson<ProgressReply>(() => props.token, () => `/api/campaigns/${props.campaign.id}/progress`);
  const [group, setGroup] = createSignal('');
  const groupName = (code: string) => props.campaign.groups.find((g) => g.code === code)?.name ?? code;
  const rows = createMemo(() => {
    const d = data();
    if (!d?.ok) return [];
    return d.value.units.filter((r) => !group() || r.group === group()).sort((a, b) => rate(a) - rate(b) || a.code.localeCompare(b.code));
  });
  const totals = createMemo(() => {
    const d = data();
    return d?.ok ? progressTotals(d.value, group()) : { quota: 0, responses: 0 };
  });
  return (
    <section class="card">
      <label class="lbl" for="progress-group">
        {ct().group}
      </label>
      <select id="progress-group" class="field" value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
        <option value="">{ct().allGroups}</option>
        <For each={props.campaign.groups}>{(g) => <option value={g.code}>{g.name}</option>}</For>
      </select>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <p class="muted">
        {ct().gapsFirst} {ct().crossCounted}
      </p>
      <p>
        <strong>{ct().total}:</strong> {totals().responses} / {totals().quota} ({Math.round(rate(totals()) * 100)}%)
      </p>
      <table class="cmp">
        <thead>
          <tr>
            <th scope="col">{ct().unit}</th>
            <th scope="col">{ct().group}</th>
            <th scope="col">{ct().responses}</th>
            <th scope="col">{ct().rate}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr>
                <td>
                  {r.name} <span class="muted">({r.code})</span>
                </td>
                <td>{groupName(r.group)}</td>
                <td>
                  {r.responses} / {r.quota}
                </td>
                <td>
                  <div class="progress" role="img" aria-label={`${Math.round(rate(r) * 100)}%`}>
                    <span style={{ width: `${Math.round(rate(r) * 100)}%` }} />
                  </div>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
