import type { UnitScoreView } from './scores-api';

/**
 * The interval a unit's figure is shown with, by the console and the workbook for people
 * (issue 11): none for a provisional unit, or one of zero width (every resample gave the same
 * figure), which is not an interval and would read as a point "100,0 (100,0–100,0)".
 * Zod-free (the import is a type only), for the console chunk.
 */
export function realInterval(u: Pick<UnitScoreView, 'ci95' | 'provisional'>): [number, number] | null {
  if (!u.ci95 || u.provisional || !(u.ci95[1] > u.ci95[0])) return null;
  return u.ci95;
}
