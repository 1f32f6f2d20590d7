import { AppError } from '../errors';
import { cellMean, cellsFromCounts, inCellOrder } from '../stats/cell-means';
import { criterionScore, groupWeight } from '../stats/criterion-score';
import { satisfactionIndices } from '../stats/satisfaction';
import type { CriterionCellsView, SatisfactionView } from '../../survey-forms/src';
import type { DbOrTx } from '../../db/client';
import { choiceCounts, unitGroupRespondents } from './score-queries';
import { loadScoringInputs } from './score-inputs';

/** docs/DOMAIN.md §5 privacy: a (unit, group) cell with fewer respondents than this is not shown per group. */
export const MIN_GROUP_RESPONDENTS = 3;

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/**
 * The cells behind one published figure S(u,c) (docs/SCORING.md: "every published figure traces
 * back to its inputs"), with the arithmetic. Per-group figures of (unit, group) cells
 * with fewer than 3 valid respondents are withheld (docs/DOMAIN.md §5 privacy); the total stays, as it is published.
 */
export async function criterionCells(db: DbOrTx, campaignId: string, unitId: string, criterionId: string): Promise<CriterionCellsView> {
  const inputs = await loadScoringInputs(db, campaignId);
  if (!inputs.model.units.some((u) => u.id === unitId)) throw new AppError('unit.not_found', `Đơn vị ${unitId} không thuộc đợt khảo sát này`);
  const criterion = inputs.model.criteria.find((c) => c.code === criterionId);
  if (!criterion) throw new AppError('criterion.not_found', `Tiêu chí ${criterionId} không được chấm bằng khảo sát trong đợt này`);
  const questionIds = [...new Set(inputs.slots.filter((s) => s.criterion === criterionId).map((s) => s.questionId))];
  const counts = questionIds.length > 0 ? await choiceCounts(db, inputs, { questionIds }) : [];
  const cells = inCellOrder(cellsFromCounts(counts, inputs.answerKey).filter((c) => c.unitId === unitId && c.criterion === criterionId));
  const score = criterionScore(criterion.maxPoints, cells, inputs.model.groupWeights);
  const respondents = await unitGroupRespondents(db, inputs, unitId);
  const views = cells.map((c) => {
    const withheld = (respondents.get(c.group) ?? 0) < MIN_GROUP_RESPONDENTS;
    const w = groupWeight(inputs.model.groupWeights, c.group);
    return withheld
      ? { questionId: c.questionId, group: c.group, groupWeight: w, validAnswers: null, dontKnow: null, mean: null, withheld }
      : { questionId: c.questionId, group: c.group, groupWeight: w, validAnswers: c.validN, dontKnow: c.dontKnow, mean: cellMean(c), withheld };
  });
  const formula =
    score.points === null
      ? `Không có câu trả lời hợp lệ: tiêu chí bị thiếu, không tính là 0 (no valid answers: missing, not zero)`
      : `S = M × Σ w·m / Σ w = ${fmt(criterion.maxPoints)} × ${fmt(score.weightedMeanSum)} / ${fmt(score.weightSum)} = ${fmt(score.points)}`;
  return {
    campaignId,
    unitId,
    criterionId,
    maxPoints: criterion.maxPoints,
    points: score.points,
    validAnswers: score.validAnswers,
    cells: views,
    arithmetic: { weightedMeanSum: score.weightedMeanSum, weightSum: score.weightSum, formula },
  };
}

/** GET /api/campaigns/:id/satisfaction: SIPAS-style indices (docs/SCORING.md rule 8) per unit and element. */
export async function campaignSatisfaction(db: DbOrTx, campaignId: string): Promise<SatisfactionView> {
  const inputs = await loadScoringInputs(db, campaignId);
  const questionIds = [...new Set([...inputs.answerKey.values()].flatMap((v) => [...v.sipas.keys()]))];
  const counts = questionIds.length > 0 ? await choiceCounts(db, inputs, { questionIds }) : [];
  const indices = satisfactionIndices(counts, inputs.answerKey, inputs.model.units.map((u) => u.id));
  return {
    campaignId,
    units: indices.map((s, i) => ({ ...s, code: inputs.model.units[i]?.code ?? '', name: inputs.model.units[i]?.name ?? '' })),
  };
}
