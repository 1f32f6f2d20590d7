import type { Cell } from './cell-means';
import type { OptionSlot, RespondentAnswers } from './respondents';

/**
 * Small cells (docs/DOMAIN.md §5, docs/PRIVACY.md "Small cells"): nothing published may let anyone
 * work out the answers of fewer than 3 respondents. One rule, applied to every figure:
 *
 * 1. A criterion figure S(u,c) is published only if some question of c has at least 3 valid
 *    answers about u (all groups together), so it rests on at least 3 respondents. Otherwise
 *    the criterion is withheld and counts as missing: the unit total, percent, interval and
 *    rank are computed without it, so no subtraction from them gives it back.
 * 2. Per-group figures (the cells behind S(u,c): valid n, mean, "don't know") are shown only
 *    if S(u,c) is published and none of its cells has 1 or 2 valid answers. All or none: one
 *    small cell withholds every cell of the criterion, since S minus the others would be it.
 * 3. A satisfaction index (unit, element) is shown only if some question of the element has
 *    at least 3 valid answers about the unit; the overall index averages the shown ones only.
 *
 * Counts of respondents and answers stay visible (progress, `respondents`, `validAnswers`).
 */
export const MIN_RESPONDENTS = 3;

export const pairKey = (unitId: string, criterion: string) => `${unitId}\u0000${criterion}`;

/** (unit, criterion) pairs withheld by rule 1, as `pairKey`s. */
export function withheldCriteria(cells: readonly Cell[]): Set<string> {
  // Valid answers per (unit, criterion, question) over all groups, then the best question per pair.
  const perQuestion = new Map<string, number>();
  for (const c of cells) {
    const id = `${pairKey(c.unitId, c.criterion)}\u0000${c.questionId}`;
    perQuestion.set(id, (perQuestion.get(id) ?? 0) + c.validN);
  }
  const best = new Map<string, number>();
  for (const c of cells) {
    const pair = pairKey(c.unitId, c.criterion);
    best.set(pair, Math.max(best.get(pair) ?? 0, perQuestion.get(`${pair}\u0000${c.questionId}`) ?? 0));
  }
  return new Set([...best].filter(([, n]) => n > 0 && n < MIN_RESPONDENTS).map(([pair]) => pair));
}

/** Rule 2 for the cells of one (unit, criterion). */
export function perGroupShown(cells: readonly Pick<Cell, 'validN'>[]): boolean {
  return cells.every((c) => c.validN === 0 || c.validN >= MIN_RESPONDENTS);
}

/**
 * The compact answers without those about withheld (unit, criterion) pairs, for the bootstrap:
 * every resample then treats a withheld criterion as missing, exactly like the point estimate.
 */
export function withoutWithheld(
  rows: readonly RespondentAnswers[],
  slots: readonly OptionSlot[],
  unitIds: readonly string[],
  criterionIndex: ReadonlyMap<string, number>,
  withheld: ReadonlySet<string>,
): RespondentAnswers[] {
  if (withheld.size === 0) return [...rows];
  const criteria = criterionIndex.size;
  const slotCriterion = Int32Array.from(slots, (s) => criterionIndex.get(s.criterion) ?? -1);
  const hidden = new Uint8Array(unitIds.length * criteria);
  unitIds.forEach((unitId, u) => {
    for (const [criterion, c] of criterionIndex) if (withheld.has(pairKey(unitId, criterion))) hidden[u * criteria + c] = 1;
  });
  return rows.map((row) => {
    const units = new Int32Array(row.units.length);
    const kept = new Int32Array(row.slots.length);
    let n = 0;
    for (let j = 0; j < row.slots.length; j++) {
      const u = row.units[j] ?? -1;
      const c = slotCriterion[row.slots[j] ?? -1] ?? -1;
      if (c >= 0 && hidden[u * criteria + c] === 1) continue;
      units[n] = u;
      kept[n] = row.slots[j] ?? -1;
      n++;
    }
    return n === row.slots.length ? row : { ...row, units: units.subarray(0, n), slots: kept.subarray(0, n) };
  });
}
