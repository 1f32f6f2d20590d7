import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { formatCount } from '../../../survey-forms/src/number-format';
import type { SatisfactionView } from '../../../survey-forms/src/scores-api';
import { formatTime } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { unitPath } from './campaign-tabs';
import { ExcludedNote } from './excluded-note';
import { ExportRow } from './export-row';
import { Failure } from './failure';
import { failed, type Outcome, OutcomeLine } from './outcome';
import { flagSentence, flagTitle, intervalText, rankText, realInterval } from './results-format';
import { resultNames } from './results-names';
import { ResultsSipas } from './results-sipas';
import { rt } from './results-text';
import { rvt } from './review-text';
import { ct } from './text';
import type { ScoresReply, UnitScore } from './types';
import { failureOf, okValue, pct, useJson } from './use-api';
import './results.css';

type SortKey = 'rank' | 'name' | 'percent' | 'respondents' | 'sipas';

/**
 * Survey scores per unit, readable: names first (codes as secondary text), Vietnamese
 * numbers, a provisional rank and "chưa đủ số phiếu" for a unit below a quota minimum, no
 * interval where there is none, flags in the interface language, SIPAS overall, sortable
 * columns; a unit's name opens its page with every criterion and the cells behind it.
 */
export function ScoresTable(props: { token: string; campaign: CampaignDetail }) {
  const [data, refetch] = useJson<ScoresReply>(() => props.token, () => `/api/campaigns/${props.campaign.id}/scores`);
  const [satisfaction] = useJson<SatisfactionView>(() => props.token, () => `/api/campaigns/${props.campaign.id}/satisfaction`);
  const [type, setType] = createSignal('');
  const [sort, setSort] = createSignal<{ key: SortKey; dir: 1 | -1 }>({ key: 'rank', dir: 1 });
  const [outcome, setOutcome] = createSignal<Outcome>();
  const names = createMemo(() => resultNames(props.campaign));
  const types = createMemo(() => [...new Set(props.campaign.units.map((u) => u.type))]);
  const sipas = createMemo(() => {
    const s = satisfaction();
    return new Map(s?.ok ? s.value.units.map((u) => [u.unitId, u.overall]) : []);
  });
  const value = (u: UnitScore, key: SortKey): number | string | null => {
    if (key === 'name') return u.name;
    if (key === 'percent') return u.percent;
    if (key === 'respondents') return u.respondents;
    if (key === 'sipas') return sipas().get(u.unitId) ?? null;
    return u.rank;
  };
  const units = createMemo(() => {
    const d = data();
    if (!d?.ok) return [];
    const { key, dir } = sort();
    const keyed = d.value.units.filter((u) => !type() || u.type === type()).map((u) => ({ u, v: value(u, key) }));
    return keyed
      .sort(({ u: a, v: x }, { u: b, v: y }) => {
        // Units without a figure go last whichever way the column is sorted.
        if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
        const c = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y), 'vi') : x - y;
        return c * dir || a.type.localeCompare(b.type) || a.code.localeCompare(b.code);
      })
      .map(({ u }) => u);
  });
  const sortButton = (key: SortKey, label: string) => (
    <button
      class="th-sort"
      type="button"
      data-dir={sort().key === key ? (sort().dir === 1 ? 'asc' : 'desc') : undefined}
      aria-label={`${rt().sortBy}: ${label}`}
      onClick={() => setSort((s) => ({ key, dir: s.key === key ? (s.dir === 1 ? -1 : 1) : key === 'percent' || key === 'sipas' ? -1 : 1 }))}
    >
      {label}
    </button>
  );
  const ariaSort = (key: SortKey) => (sort().key === key ? (sort().dir === 1 ? 'ascending' : 'descending') : undefined);
  // The server's detail alone, as this page has always said it.
  const fail = (f: { detail: string }) => setOutcome(failed({ detail: f.detail }));
  const file = (path: string, label: string, filename: string) => ({ label, path: `/api/campaigns/${props.campaign.id}/${path}`, filename });
  const open = (u: UnitScore) => navigate(unitPath(props.campaign.id, u.unitId));
  return (
    <section class="card">
      <div class="exports">
        <ExportRow
          token={props.token}
          report={file('scores-report.xlsx', rt().reportXlsx, `bao-cao-diem-${props.campaign.year}.xlsx`)}
          machine={[file('scores.csv', ct().csv, `diem-khao-sat-${props.campaign.year}.csv`), file('scores.xlsx', ct().xlsx, `diem-khao-sat-${props.campaign.year}.xlsx`)]}
          onFailure={fail}
        />
      </div>
      <OutcomeLine outcome={outcome()} />
      <div class="filters">
        <div class="filter">
          <label class="lbl" for="score-type">
            {rt().unitType}
          </label>
          <select id="score-type" class="field" value={type()} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">{ct().allTypes}</option>
            <For each={types()}>{(code) => <option value={code}>{ct().types[code] ?? code}</option>}</For>
          </select>
        </div>
        {/* The column headers sort too; on a phone they fold away, so the order is also chosen here. */}
        <div class="filter">
          <label class="lbl" for="score-sort">
            {rt().sortBy}
          </label>
          <select
            id="score-sort"
            class="field"
            value={`${sort().key}:${sort().dir}`}
            onChange={(e) => {
              const [key, dir] = e.currentTarget.value.split(':');
              setSort({ key: (key ?? 'rank') as SortKey, dir: dir === '-1' ? -1 : 1 });
            }}
          >
            <option value="rank:1">{ct().rank}</option>
            <option value="name:1">{ct().unit}</option>
            <option value="percent:-1">{ct().percent}</option>
            <option value="respondents:-1">{ct().respondents}</option>
            <option value="sipas:-1">{rt().satisfaction}</option>
          </select>
        </div>
      </div>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <Show when={okValue(data())}>
        {(s) => (
          <>
            <p class="muted">
              {ct().computedAt}: {formatTime(s().computedAt)}
            </p>
            <ExcludedNote campaignId={props.campaign.id} excluded={s().excluded} />
          </>
        )}
      </Show>
      <table class="cmp scores-rows collapse">
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('rank')}>
              {sortButton('rank', ct().rank)}
            </th>
            <th scope="col" aria-sort={ariaSort('name')}>
              {sortButton('name', ct().unit)}
            </th>
            <th scope="col" class="num" aria-sort={ariaSort('percent')}>
              {sortButton('percent', ct().percent)}
            </th>
            <th scope="col" class="num" aria-sort={ariaSort('respondents')}>
              {sortButton('respondents', ct().respondents)}
            </th>
            <th scope="col" class="num" aria-sort={ariaSort('sipas')}>
              {sortButton('sipas', rt().satisfaction)}
            </th>
            <th scope="col">{ct().flags}</th>
          </tr>
        </thead>
        <tbody>
          <For each={units()}>
            {(u) => (
              <tr data-unit={u.code}>
                <td data-label={ct().rank} classList={{ provisional: u.provisional }}>
                  {rankText(u)}
                  <Show when={u.indistinguishableFrom.length > 0 && !u.provisional}>
                    <span title={`${ct().notDistinct}: ${u.indistinguishableFrom.map(names().unit).join(', ')}`}> ≈</span>
                  </Show>
                </td>
                <td>
                  <a href={unitPath(props.campaign.id, u.unitId)} onClick={(e) => (e.preventDefault(), open(u))}>
                    {u.name}
                  </a>
                  <div class="muted code">
                    {u.code} · {ct().types[u.type] ?? u.type}
                  </div>
                </td>
                <td class="num" data-label={ct().percent}>
                  <strong classList={{ provisional: u.provisional }}>{u.percent === null ? rt().noScore : pct(u.percent)}</strong>
                  <div class="muted" title={realInterval(u) ? ct().interval : rt().noIntervalWhy}>
                    {intervalText(u)}
                  </div>
                </td>
                <td class="num" data-label={ct().respondents}>
                  {formatCount(u.respondents)}
                  <Show when={u.excluded > 0}>
                    <div class="muted excluded-unit" data-excluded={u.excluded}>
                      {rvt().excludedUnit(u.excluded)}
                    </div>
                  </Show>
                </td>
                <td class="num" data-label={rt().satisfaction}>
                  {pct(sipas().get(u.unitId))}
                </td>
                <td data-label={u.flags.length ? ct().flags : undefined}>
                  <For each={u.flags}>
                    {(f) => (
                      <span class="tag rejected" title={flagSentence(f, names())}>
                        {flagTitle(f)}
                      </span>
                    )}
                  </For>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={okValue(satisfaction())}>
        {(s) => <ResultsSipas view={s()} type={type()} units={props.campaign.units} />}
      </Show>
    </section>
  );
}
