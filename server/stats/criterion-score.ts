import { type Cell, cellMean, inCellOrder } from './cell-means';

/** Group weights w_g (docs/SCORING.md notation, default 1 each). */
export type GroupWeights = ReadonlyMap<string, number>;

export function groupWeight(weights: GroupWeights, group: string): number {
  return weights.get(group) ?? 1;
}

export interface CriterionScore {
  /** S(u,c), or null when missing (never zero). */
  points: number | null;
  maxPoints: number;
  /** Σ validN over the criterion's cells. */
  validAnswers: number;
  /** Σ w_g·m(u,q,g) and Σ w_g over the cells with a mean: the arithmetic behind `points`. */
  weightedMeanSum: number;
  weightSum: number;
}

/**
 * docs/SCORING.md rule 3 (criterion score): S(u,c) = M_c × Σ w_g·m(u,q,g) / Σ w_g, both sums over
 * the (q, g) pairs with q ∈ Q_c that have at least one valid answer; missing when there is none.
 * `cells` are the cells of one unit and criterion; they are summed in (question, group) order.
 */
export function criterionScore(maxPoints: number, cells: readonly Cell[], weights: GroupWeights): CriterionScore {
  let weightedMeanSum = 0;
  let weightSum = 0;
  let validAnswers = 0;
  for (const cell of inCellOrder(cells)) {
    const mean = cellMean(cell);
    if (mean === null) continue;
    const w = groupWeight(weights, cell.group);
    weightedMeanSum += w * mean;
    weightSum += w;
    validAnswers += cell.validN;
  }
  const points = weightSum > 0 ? (maxPoints * weightedMeanSum) / weightSum : null;
  return { points, maxPoints, validAnswers, weightedMeanSum, weightSum };
}
