import type { Question, Questionnaire } from './questionnaire';

/**
 * Walking a questionnaire's questions, kept apart from the zod schemas (type-only import)
 * so the phone's bundle can use the shared validator without shipping zod.
 */
export function allQuestions(q: Questionnaire): Question[] {
  return q.sections.flatMap((s) => s.questions);
}
