import type { UnitScoreView } from '../../survey-forms/src';
import { DEFAULT_RESAMPLES, DEFAULT_SEED, intervalsOf } from './bootstrap';
import { runBootstrap } from './bootstrap-run';
import { buildCampaignSample } from './bootstrap-sample';
import { campaignScores } from './campaign-scores';
import { cellsFromCounts } from './cell-means';
import { choiceCountsOf, straightLinedByUnit, validRespondents } from './respondent-stats';
import type { RespondentAnswers } from './respondents';
import type { ScoringInputs } from './scoring-inputs';
import { withheldCriteria, withoutWithheld } from './small-cells';

/** Pure part of the computation, shared by the service and the benchmark. */
export async function scoresFromRespondents(
  inputs: ScoringInputs,
  rows: readonly RespondentAnswers[],
  opts: { resamples?: number; seed?: number; threads?: number; withhold?: boolean; excluded?: ReadonlyMap<string, number> } = {},
): Promise<UnitScoreView[]> {
  const unitIds = inputs.model.units.map((u) => u.id);
  const cells = cellsFromCounts(choiceCountsOf(rows, inputs.slots, unitIds), inputs.answerKey);
  // Criteria resting on fewer than 3 respondents are withheld and scored as missing, in every
  // bootstrap resample too (docs/PRIVACY.md); `withhold: false` only for tests of the method itself.
  const withheld = opts.withhold === false ? new Set<string>() : withheldCriteria(cells);
  const scored = withoutWithheld(rows, inputs.slots, unitIds, inputs.criterionIndex, withheld);
  const byIndex = <T>(m: Map<number, T>) => new Map([...m].flatMap(([i, v]) => (unitIds[i] === undefined ? [] : [[unitIds[i] ?? '', v] as const])));
  return campaignScores(inputs.model, cells, {
    validRespondents: byIndex(validRespondents(rows, inputs.slots)),
    straightLined: byIndex(straightLinedByUnit(rows, inputs.slots)),
    intervals: await bootstrapIntervals(inputs, scored, opts),
    withheld,
    ...(opts.excluded ? { excluded: opts.excluded } : {}),
  });
}

/** Rule 5 for every unit of the campaign. */
export async function bootstrapIntervals(
  inputs: ScoringInputs,
  rows: readonly RespondentAnswers[],
  opts: { resamples?: number; seed?: number; threads?: number } = {},
): Promise<Map<string, [number, number] | null>> {
  const unitIds = inputs.model.units.map((u) => u.id);
  const sample = buildCampaignSample(rows, inputs.slots, unitIds.length, inputs.criterionIndex, inputs.model.groupWeights);
  const criterionMax = Float64Array.from(inputs.model.criteria.map((c) => c.maxPoints));
  const resamples = Math.max(opts.resamples ?? DEFAULT_RESAMPLES, DEFAULT_RESAMPLES);
  const percents = await runBootstrap({
    sample,
    criterionMax,
    rescale: inputs.model.missingPolicy === 'rescale',
    seed: opts.seed ?? DEFAULT_SEED,
    resamples,
    ...(opts.threads ? { threads: opts.threads } : {}),
  });
  const intervals = intervalsOf(percents, unitIds.length);
  return new Map(unitIds.map((id, i) => [id, intervals[i] ?? null]));
}
