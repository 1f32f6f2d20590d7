import { allQuestions, type Questionnaire } from '../../survey-forms/src';

/**
 * How one answer is read for scoring: the question's criterion and the weight of each option,
 * taken from THE questionnaire version the response was given against (docs/DOMAIN.md §2 questionnaires: a
 * published version is immutable and answers always refer to it).
 */
export interface ScoredQuestion {
  criterion: string;
  /** Option code → weight a ∈ [0, 1], or null for "don't know". */
  weights: ReadonlyMap<string, number | null>;
}

export interface SipasQuestion {
  element: string;
  /** Option code → counts as satisfied; options with weight null ("don't know") are absent. */
  satisfied: ReadonlyMap<string, boolean>;
}

export interface VersionKey {
  scored: ReadonlyMap<string, ScoredQuestion>;
  sipas: ReadonlyMap<string, SipasQuestion>;
}

/** `${questionnaireId}@${version}` → how to read that version's answers. */
export type AnswerKey = ReadonlyMap<string, VersionKey>;

export function versionKeyOf(questionnaireId: string, version: number): string {
  return `${questionnaireId}@${version}`;
}

/**
 * Builds the answer key of every version. Questions mapped to a criterion that the campaign
 * index does not score are left out: they cannot feed any published figure.
 */
export function buildAnswerKey(versions: readonly Questionnaire[], scoredCodes: ReadonlySet<string>): AnswerKey {
  const key = new Map<string, VersionKey>();
  for (const q of versions) {
    const scored = new Map<string, ScoredQuestion>();
    const sipas = new Map<string, SipasQuestion>();
    for (const question of allQuestions(q)) {
      if (question.criterion !== undefined && scoredCodes.has(question.criterion)) {
        scored.set(question.id, {
          criterion: question.criterion,
          weights: new Map(question.options.map((o) => [o.code, typeof o.weight === 'number' ? o.weight : null])),
        });
      }
      if (question.sipasElement !== undefined) {
        const satisfied = new Map<string, boolean>();
        for (const o of question.options) if (o.weight !== null) satisfied.set(o.code, o.satisfied === true);
        sipas.set(question.id, { element: question.sipasElement, satisfied });
      }
    }
    key.set(versionKeyOf(q.id, q.version), { scored, sipas });
  }
  return key;
}
