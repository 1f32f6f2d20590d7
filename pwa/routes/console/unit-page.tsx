import { createMemo, For, Show } from 'solid-js';
import type { CampaignDetail } from '../../../survey-forms/src/api';
import { formatCount, formatNumber } from '../../../survey-forms/src/number-format';
import type { CriterionCellsView, SatisfactionView, UnitCellsView } from '../../../survey-forms/src/scores-api';
import { navigate } from '../../lib/router';
import { CriterionCells } from './criterion-cells';
import { ExcludedNote } from './excluded-note';
import { Failure } from './failure';
import { flagSentence, intervalText, rankText } from './results-format';
import { type ResultNames, resultNames } from './results-names';
import { ResultsSipas } from './results-sipas';
import { rt } from './results-text';
import { ct } from './text';
import type { ScoresReply } from './types';
import { failureOf, okValue, pct, useJson } from './use-api';
import './results.css';

/** "S = M × Σ w·m / Σ w = 3 × 1,6 / 2 = 2,4" with Vietnamese numbers. */
function arithmetic(v: CriterionCellsView): string | null {
  const a = v.arithmetic;
  if (v.points === null || a.weightedMeanSum === null || a.weightSum === null) return null;
  const n = (x: number) => formatNumber(x, Number.isInteger(x) ? 0 : 3);
  return `S = M × Σ w·m / Σ w = ${n(v.maxPoints)} × ${n(a.weightedMeanSum)} / ${n(a.weightSum)} = ${formatNumber(v.points, 2)}`;
}

/**
 * One unit's page (/console/c/:id/units/:unitId): its figures (provisional when below a
 * quota minimum, no interval where there is none), its flags in the interface language, every
 * criterion by name with its points and the cells and questions behind it, and its SIPAS
 * indices. A chunk of its own, loaded when opened.
 */
export default function UnitPage(props: { token: string; campaignId: string; unitId: string }) {
  const base = () => `/api/campaigns/${props.campaignId}`;
  const [detail, refetchDetail] = useJson<CampaignDetail>(() => props.token, base);
  const [scores, refetchScores] = useJson<ScoresReply>(() => props.token, () => `${base()}/scores`);
  const [cells, refetchCells] = useJson<UnitCellsView>(() => props.token, () => `${base()}/scores/${props.unitId}/cells`);
  const [satisfaction] = useJson<SatisfactionView>(() => props.token, () => `${base()}/satisfaction`);
  const back = () => `/console/c/${props.campaignId}`;
  const failure = () => failureOf(detail()) ?? failureOf(scores()) ?? failureOf(cells());
  const retry = () => {
    refetchDetail();
    refetchScores();
    refetchCells();
  };
  const campaign = () => okValue(detail());
  const names = createMemo(() => {
    const c = campaign();
    return c ? resultNames(c) : undefined;
  });
  const unit = createMemo(() => okValue(scores())?.units.find((u) => u.unitId === props.unitId));
  const ranked = createMemo(() => okValue(scores())?.units.filter((u) => u.type === unit()?.type && u.rank !== null).length ?? 0);
  return (
    <>
      <a href={back()} onClick={(e) => (e.preventDefault(), navigate(back()))}>
        {rt().backToCampaign}
      </a>
      <Show when={failure()}>{(f) => <Failure failure={f()} retry={retry} />}</Show>
      <Show when={campaign() && names() && unit() ? { c: campaign() as CampaignDetail, n: names() as ResultNames, u: unit() as ScoresReply['units'][number] } : undefined}>
        {(view) => {
          const { c, n, u } = view();
          const parent = c.units.find((x) => x.id === c.units.find((y) => y.id === u.unitId)?.parentId)?.name;
          return (
            <>
              <section class="card">
                <p class="muted">
                  {rt().unitPage} · {c.name}
                </p>
                <h1>{u.name}</h1>
                <p class="muted code">
                  {u.code} · {ct().types[u.type] ?? u.type}
                  {parent ? ` · ${parent}` : ''}
                </p>
                <div class="unit-figures">
                  <div>
                    <span class="muted">{ct().percent}</span>
                    <strong classList={{ provisional: u.provisional }}>{u.percent === null ? rt().noScore : pct(u.percent)}</strong>
                    <span class="muted" title={rt().noIntervalWhy}>
                      {intervalText(u)}
                    </span>
                  </div>
                  <div>
                    <span class="muted">{ct().rank}</span>
                    <strong classList={{ provisional: u.provisional }}>{rankText(u)}</strong>
                    <span class="muted">{u.rank === null ? '' : rt().rankOf(formatCount(ranked()))}</span>
                  </div>
                  <div>
                    <span class="muted">{ct().points}</span>
                    <strong>{rt().pointsOf(pct(u.points, 2), pct(u.maxPoints, 2))}</strong>
                  </div>
                  <div>
                    <span class="muted">{ct().respondents}</span>
                    <strong>{formatCount(u.respondents)}</strong>
                  </div>
                </div>
                <Show when={u.provisional}>
                  <p class="banner">{rt().notEnough}</p>
                </Show>
                <ExcludedNote campaignId={c.id} excluded={okValue(scores())?.excluded ?? 0} unitExcluded={u.excluded} />
                <Show when={u.flags.length > 0}>
                  <h2>{ct().flags}</h2>
                  <ul class="list">
                    <For each={u.flags}>{(f) => <li class="warn">{flagSentence(f, n)}</li>}</For>
                  </ul>
                </Show>
              </section>
              <section class="card">
                <h2>{ct().criteria}</h2>
                <Show when={okValue(cells())}>
                  {(v) => (
                    <For each={v().criteria}>
                      {(cv) => {
                        const info = n.criterion(cv.criterionId);
                        const score = u.criteria.find((x) => x.criterionId === cv.criterionId);
                        return (
                          <div class="criterion-block" data-criterion={cv.criterionId}>
                            <p class="muted">
                              {info?.fieldName}
                              {info?.parentName ? ` › ${info.parentName}` : ''}
                            </p>
                            <h3>
                              {info?.name ?? cv.criterionId} <span class="muted code">{cv.criterionId}</span>
                            </h3>
                            <p>
                              <strong>{score?.points === null || score === undefined ? ct().missing : rt().pointsOf(pct(score.points, 2), pct(score.maxPoints, 2))}</strong>
                              {' · '}
                              <span class="muted">{rt().validAnswers(formatCount(cv.validAnswers))}</span>
                            </p>
                            <CriterionCells view={cv} names={n} />
                            <Show when={arithmetic(cv)}>{(a) => <p class="muted">{a()}</p>}</Show>
                          </div>
                        );
                      }}
                    </For>
                  )}
                </Show>
              </section>
              <Show when={okValue(satisfaction())?.units.find((x) => x.unitId === u.unitId && x.elements.some((e) => e.validAnswers > 0)) && okValue(satisfaction())}>
                {(s) => (
                  <section class="card">
                    <ResultsSipas view={s()} type="" units={c.units} unitId={u.unitId} />
                  </section>
                )}
              </Show>
            </>
          );
        }}
      </Show>
      <Show when={campaign() && okValue(scores()) && !unit()}>
        <p class="card warn">{rt().unitNotFound}</p>
      </Show>
    </>
  );
}
