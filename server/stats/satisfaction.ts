import { SIPAS_ELEMENTS, type SipasElement } from '../../survey-forms/src';
import { type AnswerKey, versionKeyOf } from './answer-key';
import type { ChoiceCount } from './cell-means';
import { MIN_RESPONDENTS } from './small-cells';

export interface ElementIndex {
  element: SipasElement;
  validAnswers: number;
  /** null when withheld. */
  satisfied: number | null;
  /** Percentage of valid answers that are "Hài lòng" or "Rất hài lòng"; null without valid answers or when withheld. */
  percent: number | null;
  /** No question of the element has 3 valid answers about the unit (small-cells.ts rule 3). */
  withheld: boolean;
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
 * not valid. The overall index is the plain mean of the element indices shown. An element
 * resting on fewer than 3 respondents is withheld (docs/PRIVACY.md).
 */
export function satisfactionIndices(rows: readonly ChoiceCount[], key: AnswerKey, unitIds: readonly string[], minRespondents = MIN_RESPONDENTS): UnitSatisfaction[] {
  const tally = new Map<string, { valid: number; satisfied: number; perQuestion: Map<string, number> }>();
  for (const row of rows) {
    const question = key.get(versionKeyOf(row.questionnaireId, row.version))?.sipas.get(row.questionId);
    const isSatisfied = question?.satisfied.get(row.choice);
    if (!question || isSatisfied === undefined) continue;
    const id = `${row.unitId}\u0000${question.element}`;
    const t = tally.get(id) ?? { valid: 0, satisfied: 0, perQuestion: new Map<string, number>() };
    t.valid += row.n;
    if (isSatisfied) t.satisfied += row.n;
    t.perQuestion.set(row.questionId, (t.perQuestion.get(row.questionId) ?? 0) + row.n);
    tally.set(id, t);
  }
  return unitIds.map((unitId) => {
    const elements = SIPAS_ELEMENTS.map((element): ElementIndex => {
      const t = tally.get(`${unitId}\u0000${element}`);
      if (!t) return { element, validAnswers: 0, satisfied: 0, percent: null, withheld: false };
      // Small cells: at least 3 respondents behind the index, or nothing but the count (docs/PRIVACY.md).
      if (Math.max(...t.perQuestion.values()) < minRespondents) return { element, validAnswers: t.valid, satisfied: null, percent: null, withheld: true };
      return { element, validAnswers: t.valid, satisfied: t.satisfied, percent: (100 * t.satisfied) / t.valid, withheld: false };
    });
    const scored = elements.flatMap((e) => (e.percent === null ? [] : [e.percent]));
    return { unitId, elements, overall: scored.length > 0 ? scored.reduce((s, p) => s + p, 0) / scored.length : null };
  });
}
