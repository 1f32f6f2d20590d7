import { AppError } from '../errors';
import { type Cell, cellMean, cellsFromCounts, inCellOrder } from '../stats/cell-means';
import { criterionScore, groupWeight } from '../stats/criterion-score';
import { satisfactionIndices } from '../stats/satisfaction';
import { perGroupShown, withheldCriteria } from '../stats/small-cells';
import type { ScoringInputs } from '../stats/scoring-inputs';
import type { CriterionCellsView, SatisfactionView, ScoredCriterion, UnitCellsView } from '../../survey-forms/src';
import type { DbOrTx } from '../../db/client';
import { getCampaignRow } from './campaigns';
import { reportLabels, scoresReportXlsx } from './score-exports';
import { choiceCounts } from './score-queries';
import { cachedScores } from './scores';
import { loadScoringInputs } from './score-inputs';

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/**
 * The cells behind one published figure S(u,c) (docs/SCORING.md: "every published figure traces
 * back to its inputs"), with the arithmetic, under the small-cells rule
 * (server/stats/small-cells.ts, docs/PRIVACY.md "Small cells"): a criterion resting on fewer
 * than 3 respondents is withheld with everything behind it; otherwise per-group figures are
 * shown only when no cell of the criterion has 1 or 2 valid answers, all or none.
 */
export async function criterionCells(db: DbOrTx, campaignId: string, unitId: string, criterionId: string): Promise<CriterionCellsView> {
  const inputs = await loadScoringInputs(db, campaignId);
  if (!inputs.model.units.some((u) => u.id === unitId)) throw new AppError('unit.not_found', `Đơn vị ${unitId} không thuộc đợt khảo sát này`);
  const criterion = inputs.model.criteria.find((c) => c.code === criterionId);
  if (!criterion) throw new AppError('criterion.not_found', `Tiêu chí ${criterionId} không được chấm bằng khảo sát trong đợt này`);
  const questionIds = [...new Set(inputs.slots.filter((s) => s.criterion === criterionId).map((s) => s.questionId))];
  const counts = questionIds.length > 0 ? await choiceCounts(db, inputs, { questionIds }) : [];
  const cells = cellsFromCounts(counts, inputs.answerKey).filter((c) => c.unitId === unitId && c.criterion === criterionId);
  return cellsView(inputs, campaignId, unitId, criterion, cells);
}

/**
 * Every criterion of one unit with its cells (the unit page): one scan for all of them, each
 * criterion under the same small-cells rule as `criterionCells`.
 */
export async function unitCells(db: DbOrTx, campaignId: string, unitId: string): Promise<UnitCellsView> {
  const inputs = await loadScoringInputs(db, campaignId);
  if (!inputs.model.units.some((u) => u.id === unitId)) throw new AppError('unit.not_found', `Đơn vị ${unitId} không thuộc đợt khảo sát này`);
  const counts = inputs.slots.length > 0 ? await choiceCounts(db, inputs, { unitId }) : [];
  const cells = cellsFromCounts(counts, inputs.answerKey);
  return {
    campaignId,
    unitId,
    criteria: inputs.model.criteria.map((criterion) => cellsView(inputs, campaignId, unitId, criterion, cells.filter((c) => c.criterion === criterion.code))),
  };
}

function cellsView(inputs: ScoringInputs, campaignId: string, unitId: string, criterion: ScoredCriterion, unitCriterionCells: readonly Cell[]): CriterionCellsView {
  const cells = inCellOrder([...unitCriterionCells]);
  const withheld = withheldCriteria(cells).size > 0;
  const score = criterionScore(criterion.maxPoints, cells, inputs.model.groupWeights);
  const shown = !withheld && perGroupShown(cells);
  const views = cells.map((c) => {
    const w = groupWeight(inputs.model.groupWeights, c.group);
    return shown
      ? { questionId: c.questionId, group: c.group, groupWeight: w, validAnswers: c.validN, dontKnow: c.dontKnow, mean: cellMean(c), withheld: false }
      : { questionId: c.questionId, group: c.group, groupWeight: w, validAnswers: null, dontKnow: null, mean: null, withheld: true };
  });
  const base = { campaignId, unitId, criterionId: criterion.code, maxPoints: criterion.maxPoints, validAnswers: score.validAnswers, cells: views };
  if (withheld) {
    const formula = 'Ẩn: dưới 3 người trả lời hợp lệ, tiêu chí tính như thiếu (withheld: fewer than 3 respondents, counted as missing)';
    return { ...base, points: null, arithmetic: { weightedMeanSum: null, weightSum: null, formula } };
  }
  const formula =
    score.points === null
      ? `Không có câu trả lời hợp lệ: tiêu chí bị thiếu, không tính là 0 (no valid answers: missing, not zero)`
      : `S = M × Σ w·m / Σ w = ${fmt(criterion.maxPoints)} × ${fmt(score.weightedMeanSum)} / ${fmt(score.weightSum)} = ${fmt(score.points)}`;
  return { ...base, points: score.points, arithmetic: { weightedMeanSum: score.weightedMeanSum, weightSum: score.weightSum, formula } };
}

/** GET /api/campaigns/:id/satisfaction: SIPAS-style indices (docs/SCORING.md rule 8) per unit and element. */
export async function campaignSatisfaction(db: DbOrTx, campaignId: string): Promise<SatisfactionView> {
  return satisfactionOf(db, await loadScoringInputs(db, campaignId));
}

/** `campaignSatisfaction` from scoring inputs the caller has already loaded (one load per request). */
export async function satisfactionOf(db: DbOrTx, inputs: ScoringInputs): Promise<SatisfactionView> {
  const questionIds = [...new Set([...inputs.answerKey.values()].flatMap((v) => [...v.sipas.keys()]))];
  const counts = questionIds.length > 0 ? await choiceCounts(db, inputs, { questionIds }) : [];
  const indices = satisfactionIndices(counts, inputs.answerKey, inputs.model.units.map((u) => u.id));
  return {
    campaignId: inputs.campaignId,
    units: indices.map((s, i) => ({ ...s, code: inputs.model.units[i]?.code ?? '', name: inputs.model.units[i]?.name ?? '' })),
  };
}

/** The people's workbook (server/services/score-exports.ts `scoresReportXlsx`) of a campaign's current scores. */
export async function campaignScoresReport(db: DbOrTx, campaignId: string): Promise<Buffer> {
  const inputs = await loadScoringInputs(db, campaignId); // campaign.not_found first
  const scores = await cachedScores(db, inputs);
  const [campaign, satisfaction] = [await getCampaignRow(db, campaignId), await satisfactionOf(db, inputs)];
  return scoresReportXlsx(scores, reportLabels(campaign.name, inputs.model), satisfaction);
}
