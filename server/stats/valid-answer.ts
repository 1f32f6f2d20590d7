import type { ScoredQuestion } from './answer-key';

/**
 * docs/SCORING.md rule 1 (valid answer): an answer to a scored question with a weighted option.
 * "Don't know" (weight null) and blank answers are not valid and never count as zero.
 */
export type AnswerReading = { kind: 'valid'; weight: number } | { kind: 'dont_know' } | { kind: 'blank' };

export function readAnswer(question: ScoredQuestion, choice: string | null): AnswerReading {
  if (choice === null || choice === '') return { kind: 'blank' };
  const weight = question.weights.get(choice);
  if (weight === undefined) return { kind: 'blank' }; // not an option of this version: never stored by sync
  if (weight === null) return { kind: 'dont_know' };
  return { kind: 'valid', weight };
}
