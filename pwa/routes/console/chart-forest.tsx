import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { formatNumber } from '../../../survey-forms/src/number-format';
import { navigate } from '../../lib/router';
import { unitPath } from './campaign-tabs';
import { ExcludedNote } from './excluded-note';
import { Failure } from './failure';
import { intervalText, rankText, realInterval } from './results-format';
import { rt } from './results-text';
import { ct } from './text';
import type { ScoresReply, UnitScore } from './types';
import { failureOf, okValue, pct, useJson } from './use-api';
import './results.css';

/** The axis: whole tens around every figure and interval shown, so close units are told apart. */
function domainOf(units: readonly UnitScore[]): [number, number] {
  const xs = units.flatMap((u) => [u.percent ?? 0, ...(realInterval(u) ?? [])]);
  if (xs.length === 0) return [0, 100];
  const lo = Math.max(0, Math.floor(Math.min(...xs) / 10) * 10);
  const hi = Math.min(100, Math.ceil(Math.max(...xs) / 10) * 10);
  return hi - lo < 10 ? [Math.max(0, hi - 10), Math.max(10, hi)] : [lo, hi];
}

/**
 * All units of one type with their 95% intervals (a dot-and-whisker, or forest, plot), best
 * first (docs/SCORING.md rules 5 and 7). Drawn with positioned HTML rather than a charting
 * library: one dot and one bar per unit need no canvas, names wrap on a phone, the text stays
 * selectable and readable by screen readers, and nothing is added to any bundle. A provisional
 * unit (below a quota minimum) is a hollow dot without a bar; units without a score are listed
 * under the chart. A lazily loaded console chunk, never part of the respondent's page.
 */
export default function ChartForest(props: { token: string; campaign: CampaignDetail }) {
  const [data, refetch] = useJson<ScoresReply>(() => props.token, () => `/api/campaigns/${props.campaign.id}/scores`);
  const types = createMemo(() => [...new Set(props.campaign.units.map((u) => u.type))]);
  const [chosen, setType] = createSignal('');
  const type = () => chosen() || types()[0] || 'so';
  const all = createMemo(() => {
    const d = data();
    return d?.ok ? d.value.units.filter((u) => u.type === type()) : [];
  });
  const scored = createMemo(() => all().filter((u) => u.percent !== null).sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0) || a.code.localeCompare(b.code)));
  const unscored = createMemo(() => all().filter((u) => u.percent === null));
  const domain = createMemo(() => domainOf(scored()));
  const x = (v: number) => `${(100 * (v - domain()[0])) / (domain()[1] - domain()[0])}%`;
  const ticks = createMemo(() => {
    const [lo, hi] = domain();
    const step = hi - lo > 50 ? 20 : hi - lo > 20 ? 10 : 5;
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(t);
    return out;
  });
  const typeName = () => ct().types[type()] ?? type();
  return (
    <section class="card" aria-labelledby="forest-title">
      <label class="lbl" for="chart-type">
        {rt().unitType}
      </label>
      <select id="chart-type" class="field" value={type()} onChange={(e) => setType(e.currentTarget.value)}>
        <For each={types()}>{(code) => <option value={code}>{ct().types[code] ?? code}</option>}</For>
      </select>
      <Show when={failureOf(data())}>{(f) => <Failure failure={f()} retry={refetch} />}</Show>
      <h2 id="forest-title">{rt().chartTitle(typeName())}</h2>
      <p class="muted">{rt().chartLegend}</p>
      <Show when={okValue(data())}>
        {(s) => <ExcludedNote campaignId={props.campaign.id} excluded={s().excluded} />}
      </Show>
      <figure class="forest-chart" aria-labelledby="forest-title">
        <div class="forest-row forest-axis-row" aria-hidden="true">
          <div class="forest-axis">
            <For each={ticks()}>{(t) => <span style={{ left: x(t) }}>{formatNumber(t)}</span>}</For>
          </div>
        </div>
        <ol class="forest-rows">
          <For each={scored()}>
            {(u) => {
              const ci = realInterval(u);
              return (
                <li class="forest-row" classList={{ provisional: u.provisional }} data-unit={u.code}>
                  <a
                    class="forest-label"
                    href={unitPath(props.campaign.id, u.unitId)}
                    onClick={(e) => (e.preventDefault(), navigate(unitPath(props.campaign.id, u.unitId)))}
                  >
                    <span class="forest-rank">{rankText(u)}</span> {u.name}
                  </a>
                  <span class="forest-value">
                    <strong>{pct(u.percent)}</strong> <span class="muted">{intervalText(u)}</span>
                  </span>
                  <div class="forest-track" aria-hidden="true">
                    <For each={ticks()}>{(t) => <span class="forest-grid" style={{ left: x(t) }} />}</For>
                    <Show when={ci}>{(c) => <span class="forest-whisker" style={{ left: x(c()[0]), width: `calc(${x(c()[1])} - ${x(c()[0])})` }} />}</Show>
                    <span class="forest-dot" classList={{ hollow: u.provisional }} style={{ left: x(u.percent ?? 0) }} />
                  </div>
                </li>
              );
            }}
          </For>
        </ol>
      </figure>
      <Show when={unscored().length > 0}>
        <p class="muted">
          {rt().noScore}: {unscored().map((u) => u.name).join(', ')}
        </p>
      </Show>
    </section>
  );
}
