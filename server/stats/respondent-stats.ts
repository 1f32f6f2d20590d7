import type { ChoiceCount } from './cell-means';
import type { OptionSlot, RespondentAnswers } from './respondents';

/**
 * Counts derived from compact per-respondent answers. Folding them into `ChoiceCount` rows
 * lets the full computation reuse exactly the cell arithmetic of the SQL scan (rule 2).
 */
export function choiceCountsOf(rows: readonly RespondentAnswers[], slots: readonly OptionSlot[], unitIds: readonly string[]): ChoiceCount[] {
  // Numeric keys: a national campaign has 1.5 million answers, one string key each would churn the heap.
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const groupIndex = new Map(groups.map((g, i) => [g, i]));
  const counts = new Map<number, ChoiceCount>();
  for (const row of rows) {
    const g = groupIndex.get(row.group) ?? 0;
    for (let j = 0; j < row.slots.length; j++) {
      const slotIdx = row.slots[j] ?? -1;
      const unitIdx = row.units[j] ?? -1;
      const slot = slots[slotIdx];
      const unitId = unitIds[unitIdx];
      if (!slot || unitId === undefined) continue;
      const id = (unitIdx * slots.length + slotIdx) * groups.length + g;
      const existing = counts.get(id);
      if (existing) existing.n += 1;
      else {
        counts.set(id, {
          questionnaireId: slot.questionnaireId,
          version: slot.version,
          group: row.group,
          unitId,
          questionId: slot.questionId,
          choice: slot.choice,
          n: 1,
        });
      }
    }
  }
  return [...counts.values()];
}

/** Valid respondents (at least one valid answer about the unit, rule 1) per unit index and group. */
export function validRespondents(rows: readonly RespondentAnswers[], slots: readonly OptionSlot[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const seen = new Set<number>();
    for (let j = 0; j < row.slots.length; j++) {
      if (slots[row.slots[j] ?? -1]?.weight == null) continue;
      seen.add(row.units[j] ?? -1);
    }
    for (const unit of seen) {
      let byGroup = out.get(unit);
      if (!byGroup) out.set(unit, (byGroup = new Map()));
      byGroup.set(row.group, (byGroup.get(row.group) ?? 0) + 1);
    }
  }
  return out;
}

const STRAIGHT_LINE_MIN_ANSWERS = 5;

/**
 * docs/SCORING.md rule 6 (straight-lining): a response whose scored answers, at least 5 of them,
 * all carry the same option, across all the units it rates. "Don't know" is an option too: a
 * form filled with E from top to bottom is straight-lined even though it scores nothing.
 */
export function isStraightLined(row: RespondentAnswers, slots: readonly OptionSlot[]): boolean {
  if (row.slots.length < STRAIGHT_LINE_MIN_ANSWERS) return false;
  const first = slots[row.slots[0] ?? -1]?.choice;
  for (let j = 1; j < row.slots.length; j++) if (slots[row.slots[j] ?? -1]?.choice !== first) return false;
  return true;
}

/** Straight-lined responses per unit index they rate. */
export function straightLinedByUnit(rows: readonly RespondentAnswers[], slots: readonly OptionSlot[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const row of rows) {
    if (!isStraightLined(row, slots)) continue;
    for (const unit of new Set(row.units)) out.set(unit, (out.get(unit) ?? 0) + 1);
  }
  return out;
}
