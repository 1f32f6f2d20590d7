/**
 * Compact per-respondent answers: what the bootstrap, the straight-lining check and the
 * respondent counts need, in typed arrays rather than rows (a national campaign holds
 * millions of answer cells).
 */

/** One option of one scored question of one questionnaire version. */
export interface OptionSlot {
  questionnaireId: string;
  version: number;
  questionId: string;
  criterion: string;
  choice: string;
  /** a ∈ [0, 1], or null for "don't know". */
  weight: number | null;
}

export interface RespondentAnswers {
  /** The response id: respondents are ordered by it, so input order never changes a result. */
  id: string;
  group: string;
  /** Per scored answer: index into the campaign's unit list. */
  units: Int32Array;
  /** Per scored answer: index into the option slots. */
  slots: Int32Array;
}
