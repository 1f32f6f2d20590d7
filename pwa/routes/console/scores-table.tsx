import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { formatTime } from '../../lib/i18n';
import { CriterionCells } from './criterion-cells';
import { Failure } from './failure';
import { ct } from './text';
import type { ScoresReply, UnitScore } from './types';
import { consoleApi, failureOf, pct, saveBlob, useJson } from './use-api';

/** Survey scores per unit: rank, percent with its 95% interval, flags, and the criteria behind them. */
export function ScoresTable(props: { token: string; campaign: CampaignDetail }) {
  const [data, refetch] = useJson<ScoresReply>(() => props.token, () => `/api/campaigns/${props.campaign.id}/scores`);
  const [type, setType] = createSignal('');
  const [open, setOpen] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const [cellsOpen, setCellsOpen] = createSignal<string>();
  const types = createMemo(() => [...new Set(props.campaign.units.map((u) => u.type))]);
  const units = createMemo(() => {
    const d = data();
    if (!d?.ok) return [];
    return d.value.units.filter((u) => !type() || u.type === type()).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
  });
  const download = async (ext: 'csv' | 'xlsx') => {
    const result = await consoleApi.getBlob(props.token, `/api/campaigns/${props.campaign.id}/scores.${ext}`);
    if (!result.ok) return setError(result.failure.detail);
    saveBlob(result.value, `diem-khao-sat-${props.campaign.year}.${ext}`);
  };
  const nameOf = (id: string) => props.campaign.units.find((u) => u.id === id)?.name ?? id;
  return (
    <section class="card">
      <div class="row-actions">
        <button class="btn secondary" type="button" onClick={() => void download('csv')}>
          {ct().csv}
        </button>
        <button class="btn secondary" type="button" onClick={() => void download('xlsx')}>
          {ct().xlsx}
        </button>
      </div>
      <Show when={error()}>
        <p class="err" role="alert">
          {error()}
        </p>
      </Show>
      <label class="lbl" for="score-type">
        {ct().unit}
      </label>
      <select id="score-type" class="field" value={type()} onChange={(e) => setType(e.currentTarget.value)}>
        <option value="">{ct().allTypes}</option>
        <For each={types()}>{(code) => <option value={code}>{ct().types[code] ?? code}</option>}</For>
      </select>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={data()?.ok ? (data() as { ok: true; value: ScoresReply }).value : undefined}>
        {(s) => (
          <p class="muted">
            {ct().computedAt}: {formatTime(s().computedAt)}
          </p>
        )}
      </Show>
      <table class="cmp">
        <thead>
          <tr>
            <th scope="col">{ct().rank}</th>
            <th scope="col">{ct().unit}</th>
            <th scope="col">{ct().percent}</th>
            <th scope="col">{ct().flags}</th>
          </tr>
        </thead>
        <tbody>
          <For each={units()}>
            {(u: UnitScore) => (
              <>
                <tr>
                  <td>
                    {u.rank ?? '—'}
                    <Show when={u.indistinguishableFrom.length > 0}>
                      <span title={`${ct().notDistinct}: ${u.indistinguishableFrom.map(nameOf).join(', ')}`}> ≈</span>
                    </Show>
                  </td>
                  <td>
                    <button class="link-btn" type="button" aria-expanded={open() === u.unitId} onClick={() => setOpen(open() === u.unitId ? undefined : u.unitId)}>
                      {u.name}
                    </button>
                    <div class="muted">
                      {u.code} · {ct().respondents}: {u.respondents}
                    </div>
                  </td>
                  <td>
                    <strong>{pct(u.percent)}</strong>
                    <div class="muted">{u.ci95 ? `${pct(u.ci95[0])}–${pct(u.ci95[1])}` : '—'}</div>
                  </td>
                  <td>
                    <For each={[...new Set(u.flags.map((f) => f.code))]}>
                      {(code) => (
                        <span class="tag rejected" title={u.flags.filter((f) => f.code === code).map((f) => f.detail).join('\n')}>
                          {ct().flagNames[code] ?? code}
                        </span>
                      )}
                    </For>
                  </td>
                </tr>
                <Show when={open() === u.unitId}>
                  <tr>
                    <td colSpan={4}>
                      <p>
                        {ct().points}: {pct(u.points, 2)} / {pct(u.maxPoints, 2)} · {ct().interval}: {u.ci95 ? `${pct(u.ci95[0])}–${pct(u.ci95[1])}` : '—'}
                      </p>
                      <ul class="list">
                        <For each={u.flags}>{(f) => <li class="warn">{f.detail}</li>}</For>
                        <For each={u.criteria}>
                          {(c) => (
                            <li>
                              <details onToggle={(e) => setCellsOpen(e.currentTarget.open ? `${u.unitId}/${c.criterionId}` : undefined)}>
                                <summary>
                                  {c.criterionId}: {c.points === null ? ct().missing : `${pct(c.points, 2)} / ${pct(c.maxPoints, 2)}`}{' '}
                                  <span class="muted">(n = {c.validAnswers})</span>
                                </summary>
                                {/* Loaded only while open: one request per criterion the analyst actually looks at. */}
                                <Show when={cellsOpen() === `${u.unitId}/${c.criterionId}`}>
                                  <CriterionCells token={props.token} campaignId={props.campaign.id} unitId={u.unitId} criterionId={c.criterionId} />
                                </Show>
                              </details>
                            </li>
                          )}
                        </For>
                      </ul>
                    </td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
