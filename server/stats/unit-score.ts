import type { MissingPolicy } from '../../survey-forms/src';

export interface UnitScore {
  /** T(u) = Σ S(u,c) over criteria that are not missing (a missing criterion adds 0 in either policy). */
  points: number;
  /** rescale: M(u) = Σ M_c over the same criteria; zero: the whole survey share Σ M_c. */
  maxPoints: number;
  /** P(u) = 100·T(u)/maxPoints; null when no criterion is scored, whatever the policy. */
  percent: number | null;
  missingCriteria: string[];
}

/**
 * docs/SCORING.md rule 4 (unit survey score) with the campaign's missing policy:
 * `rescale` (default) lets P(u) stand for the whole survey share; `zero` counts missing criteria
 * as 0 out of their maximum. A unit with no scored criterion has no percentage at all: zero
 * points would be a verdict the data cannot support.
 */
export function unitScore(criteria: readonly { code: string; maxPoints: number; points: number | null }[], policy: MissingPolicy): UnitScore {
  let points = 0;
  let reachable = 0;
  let full = 0;
  const missingCriteria: string[] = [];
  for (const c of criteria) {
    full += c.maxPoints;
    if (c.points === null) missingCriteria.push(c.code);
    else {
      points += c.points;
      reachable += c.maxPoints;
    }
  }
  const maxPoints = policy === 'rescale' ? reachable : full;
  const percent = reachable > 0 && maxPoints > 0 ? (100 * points) / maxPoints : null;
  return { points, maxPoints, percent, missingCriteria };
}
