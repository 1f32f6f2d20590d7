import { SIPAS_ELEMENTS, type SipasElement } from '../../survey-forms/src';
import { type AnswerKey, versionKeyOf } from './answer-key';
import type { ChoiceCount } from './cell-means';

export interface ElementIndex {
  element: SipasElement;
  validAnswers: number;
  satisfied: number;
  /** Percentage of valid answers that are "Hài lòng" or "Rất hài lòng"; null without valid answers. */
  percent: number | null;
}

export interface UnitSatisfaction {
  unitId: string;
  elements: ElementIndex[];
  /** Mean of the element indices that have valid answers; null when none has. */
  overall: number | null;
}

/**
 * docs/SCORING.md rule 8 (SIPAS-style satisfaction): per unit and element, the percentage of
 * valid answers marked satisfied (options flagged `satisfied`); "don't know" (weight null) is
 * not valid. The overall index is the plain mean of the element indices.
 */
export function satisfactionIndices(rows: readonly ChoiceCount[], key: AnswerKey, unitIds: readonly string[]): UnitSatisfaction[] {
  const tally = new Map<string, { valid: number; satisfied: number }>();
  for (const row of rows) {
    const question = key.get(versionKeyOf(row.questionnaireId, row.version))?.sipas.get(row.questionId);
    const isSatisfied = question?.satisfied.get(row.choice);
    if (!question || isSatisfied === undefined) continue;
    const id = `${row.unitId}\u0000${question.element}`;
    const t = tally.get(id) ?? { valid: 0, satisfied: 0 };
    t.valid += row.n;
    if (isSatisfied) t.satisfied += row.n;
    tally.set(id, t);
  }
  return unitIds.map((unitId) => {
    const elements = SIPAS_ELEMENTS.map((element) => {
      const t = tally.get(`${unitId}\u0000${element}`) ?? { valid: 0, satisfied: 0 };
      return { element, validAnswers: t.valid, satisfied: t.satisfied, percent: t.valid > 0 ? (100 * t.satisfied) / t.valid : null };
    });
    const scored = elements.flatMap((e) => (e.percent === null ? [] : [e.percent]));
    return { unitId, elements, overall: scored.length > 0 ? scored.reduce((s, p) => s + p, 0) / scored.length : null };
  });
}
