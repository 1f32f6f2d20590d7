import { z } from 'zod';
import { MissingPolicy, SipasElement, UnitType } from './codes';
import { FLAG_CODES } from './flag-text';

/**
 * Wire shapes of docs/API.md §10 scores, the one definition of each: the server's services
 * return these types and its response schemas validate them, the PWA's analyst views read
 * them. See docs/SCORING.md for each figure's rule.
 */
export const ScoreFlag = z.object({
  code: z.enum(FLAG_CODES),
  /** The sentence in Vietnamese (survey-forms/src/flag-text.ts); other languages are written from `code` and `params`. */
  detail: z.string(),
  /** What the sentence says, as values: the console writes it in the interface language from these. */
  params: z
    .object({
      group: z.string().optional(),
      valid: z.number().int().optional(),
      minimum: z.number().int().optional(),
      dontKnow: z.number().int().optional(),
      answered: z.number().int().optional(),
      responses: z.number().int().optional(),
      criteria: z.array(z.string()).optional(),
    })
    .optional(),
});
export type ScoreFlag = z.infer<typeof ScoreFlag>;

export const CriterionScoreView = z.object({
  /** The criterion (or sub-criterion) code, e.g. "2.1". */
  criterionId: z.string(),
  /** S(u,c); null when missing (never zero), or withheld: fewer than 3 respondents (docs/PRIVACY.md). */
  points: z.number().nullable(),
  maxPoints: z.number(),
  validAnswers: z.number().int(),
});
export type CriterionScoreView = z.infer<typeof CriterionScoreView>;

export const UnitScoreView = z.object({
  unitId: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: UnitType,
  /** Valid respondents: responses with at least one valid answer about the unit. */
  respondents: z.number().int(),
  points: z.number(),
  maxPoints: z.number(),
  /** P(u); null when no criterion is scored. */
  percent: z.number().nullable(),
  /** Bootstrap 95% interval of P(u); null when P(u) is null. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Rank among units of the same type (1, 2, 2, 4); null when P(u) is null. */
  rank: z.number().int().nullable(),
  /**
   * Fewer valid respondents than the quota's minimum in some group (the flag
   * `quota.below_minimum`): "chưa đủ số phiếu", its rank and interval are provisional.
   */
  provisional: z.boolean(),
  indistinguishableFrom: z.array(z.uuid()),
  flags: z.array(ScoreFlag),
  criteria: z.array(CriterionScoreView),
  /** Responses about this unit excluded at review and left out of every figure above (docs/SCORING.md "Excluded responses"). */
  excluded: z.number().int(),
});
export type UnitScoreView = z.infer<typeof UnitScoreView>;

export const ScoresView = z.object({
  campaignId: z.uuid(),
  computedAt: z.string(),
  missingPolicy: MissingPolicy,
  /** Responses of the campaign excluded at review: none of the figures counts them. */
  excluded: z.number().int(),
  units: z.array(UnitScoreView),
});
export type ScoresView = z.infer<typeof ScoresView>;

export const CellView = z.object({
  questionId: z.string(),
  group: z.string(),
  groupWeight: z.number(),
  /** null when withheld: some cell of this criterion and unit has 1 or 2 valid answers, or the criterion itself is withheld (docs/PRIVACY.md). */
  validAnswers: z.number().int().nullable(),
  dontKnow: z.number().int().nullable(),
  mean: z.number().nullable(),
  withheld: z.boolean(),
});
export type CellView = z.infer<typeof CellView>;

export const CriterionCellsView = z.object({
  campaignId: z.uuid(),
  unitId: z.uuid(),
  criterionId: z.string(),
  maxPoints: z.number(),
  points: z.number().nullable(),
  validAnswers: z.number().int(),
  cells: z.array(CellView),
  /** Σ w·m and Σ w; null when the criterion is withheld (fewer than 3 respondents). */
  arithmetic: z.object({ weightedMeanSum: z.number().nullable(), weightSum: z.number().nullable(), formula: z.string() }),
});
export type CriterionCellsView = z.infer<typeof CriterionCellsView>;

/** GET /api/campaigns/:id/scores/:unitId/cells: every criterion of one unit with its cells (the console's unit page). */
export const UnitCellsView = z.object({
  campaignId: z.uuid(),
  unitId: z.uuid(),
  /** In the order of the index tree. */
  criteria: z.array(CriterionCellsView),
});
export type UnitCellsView = z.infer<typeof UnitCellsView>;

export const SatisfactionView = z.object({
  campaignId: z.uuid(),
  units: z.array(
    z.object({
      unitId: z.uuid(),
      code: z.string(),
      name: z.string(),
      elements: z.array(
        z.object({
          element: SipasElement,
          validAnswers: z.number().int(),
          /** null with `percent` when withheld: no question of the element has 3 valid answers about the unit. */
          satisfied: z.number().int().nullable(),
          percent: z.number().nullable(),
          withheld: z.boolean(),
        }),
      ),
      /** Mean of the element indices shown (not withheld) that have valid answers. */
      overall: z.number().nullable(),
    }),
  ),
});
export type SatisfactionView = z.infer<typeof SatisfactionView>;
