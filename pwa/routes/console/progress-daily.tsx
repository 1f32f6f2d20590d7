import { createMemo, For, Show } from 'solid-js';
import { formatCount } from '../../../survey-forms/src/number-format';
import { rt } from './results-text';
import type { ProgressReply } from './types';

const DAY_MS = 86_400_000;
/** At most this many days are drawn (the latest): a campaign runs for weeks. */
const MAX_DAYS = 62;

/** Every day from the first to the last with responses, zeros included, so gaps in fieldwork show. */
export function dailySeries(daily: ProgressReply['daily']): { date: string; responses: number }[] {
  if (daily.length === 0) return [];
  const counts = new Map(daily.map((d) => [d.date, d.responses]));
  const first = Date.parse(`${daily[0]?.date}T00:00:00Z`);
  const last = Date.parse(`${daily[daily.length - 1]?.date}T00:00:00Z`);
  const start = Math.max(first, last - (MAX_DAYS - 1) * DAY_MS);
  const out = [];
  for (let t = start; t <= last; t += DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push({ date, responses: counts.get(date) ?? 0 });
  }
  return out;
}

/** "dd/mm", the way Vietnamese dates are written. */
const dayLabel = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/**
 * The daily trend (plain SVG bars: a dozen rectangles need no charting library): responses per
 * day they were completed, dates only (docs/PRIVACY.md). Each bar has its figure as a title
 * and the whole series is repeated in a visually hidden list for screen readers.
 */
export function ProgressDaily(props: { daily: ProgressReply['daily'] }) {
  const series = createMemo(() => dailySeries(props.daily));
  const max = createMemo(() => Math.max(1, ...series().map((d) => d.responses)));
  const W = 600;
  const H = 120;
  const barW = () => W / Math.max(series().length, 1);
  return (
    <section class="card" aria-labelledby="daily-title">
      <h2 id="daily-title">{rt().daily}</h2>
      <Show when={series().length > 0} fallback={<p class="muted">{rt().dailyNone}</p>}>
        <svg class="daily-chart" viewBox={`0 0 ${W} ${H + 18}`} role="img" aria-labelledby="daily-title" preserveAspectRatio="none">
          <For each={series()}>
            {(d, i) => {
              const h = () => (d.responses / max()) * H;
              return (
                <g>
                  <title>{rt().dayTotal(dayLabel(d.date), formatCount(d.responses))}</title>
                  <rect x={i() * barW() + 1} y={H - h()} width={Math.max(barW() - 2, 1)} height={h()} class="bar" />
                </g>
              );
            }}
          </For>
          <line x1="0" x2={W} y1={H} y2={H} class="axis" />
        </svg>
        <div class="daily-scale muted">
          <span>{dayLabel(series()[0]?.date ?? '')}</span>
          <span>{rt().dayMost(formatCount(max()))}</span>
          <span>{dayLabel(series()[series().length - 1]?.date ?? '')}</span>
        </div>
        <ul class="visually-hidden">
          <For each={series().filter((d) => d.responses > 0)}>{(d) => <li>{rt().dayTotal(dayLabel(d.date), formatCount(d.responses))}</li>}</For>
        </ul>
        <p class="muted">{rt().dailyNote}</p>
      </Show>
    </section>
  );
}
