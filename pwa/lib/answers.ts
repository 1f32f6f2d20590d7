import type { Question, Questionnaire } from '../../survey-forms/src/questionnaire';
import { allQuestions } from '../../survey-forms/src/questions';
import type { Answer, Response } from '../../survey-forms/src/response';
import { isAnswered, isShown, valueProblem, type AnswerLookup } from '../../survey-forms/src/validate-response';
import type { AnswerMap, OutboxItem } from './outbox';

/**
 * From the answers being given on the device to the Response of docs/API.md §8 sync, with the shared
 * validator deciding what is shown and required, so the phone and the server agree.
 * Imports from validate-response.ts directly (not the barrel) to keep zod out of the bundle.
 */
export type FormItem = Pick<OutboxItem, 'questionnaire' | 'units' | 'answers'>;

/**
 * Answer map key: general and profile questions under no unit. Here, not in lib/outbox.ts, so
 * the form runs before the outbox's code has loaded (docs/PWA.md "First load on a weak connection").
 */
export function answerKey(questionId: string, unitId: string | null): string {
  return `${unitId ?? ''}|${questionId}`;
}

/** Every question of the questionnaire by id. */
export function questionsById(q: Questionnaire): Map<string, Question> {
  return new Map(allQuestions(q).map((x) => [x.id, x]));
}

/** The rated unit of an own-unit form; null for cross forms. */
export function ownUnit(item: FormItem): string | null {
  return item.questionnaire.mode === 'own_unit' ? (item.units[0]?.id ?? null) : null;
}

/** A cross form asks this question once per rated unit: shown as a matrix. */
export function isMatrix(q: Questionnaire, question: Question): boolean {
  return q.mode === 'cross' && question.perUnit && !question.profile;
}

/** Where an answer to `question` lives in the answer map for the row `unitId`. */
export function keyFor(item: FormItem, question: Question, unitId: string | null): string {
  if (question.profile) return answerKey(question.id, null);
  if (item.questionnaire.mode === 'own_unit') return answerKey(question.id, ownUnit(item));
  return answerKey(question.id, question.perUnit ? unitId : null);
}

/** The rows a question is asked for: each rated unit for matrix questions, else one row. */
export function rowsFor(item: FormItem, question: Question): (string | null)[] {
  return isMatrix(item.questionnaire, question) ? item.units.map((u) => u.id) : [null];
}

export function lookupIn(item: FormItem, byId: ReadonlyMap<string, Question>, answers: AnswerMap = item.answers): AnswerLookup {
  return (questionId, unitId) => {
    const question = byId.get(questionId);
    return question ? answers[keyFor(item, question, unitId)] : undefined;
  };
}

/** Problems of one section, keyed by answer-map key: required but blank, or an invalid value. */
export function sectionProblems(item: FormItem, sectionIndex: number, messages: { missing: string }): Map<string, string> {
  const problems = new Map<string, string>();
  const section = item.questionnaire.sections[sectionIndex];
  if (!section) return problems;
  const byId = questionsById(item.questionnaire);
  const lookup = lookupIn(item, byId);
  for (const question of section.questions) {
    for (const row of rowsFor(item, question)) {
      if (!isShown(question, byId, lookup, row)) continue;
      const key = keyFor(item, question, row);
      const value = item.answers[key];
      if (value === undefined || !isAnswered(value)) {
        if (question.required) problems.set(key, messages.missing);
        continue;
      }
      const wrong = valueProblem(question, value);
      if (wrong) problems.set(key, wrong.message);
    }
  }
  return problems;
}

/** Answers to hidden questions are dropped: the respondent changed an earlier answer. */
export function buildResponse(item: OutboxItem, completedAt: string): Response {
  const q = item.questionnaire;
  const byId = questionsById(q);
  const lookup = lookupIn(item, byId);
  const answers: Answer[] = [];
  const profile: Record<string, Answer['value']> = {};
  for (const question of byId.values()) {
    for (const row of rowsFor(item, question)) {
      const value = item.answers[keyFor(item, question, row)];
      if (value === undefined || !isAnswered(value) || !isShown(question, byId, lookup, row)) continue;
      if (question.profile) profile[question.id] = value;
      else answers.push({ unitId: q.mode === 'own_unit' ? ownUnit(item) : row, questionId: question.id, value });
    }
  }
  return {
    id: item.id,
    campaignId: item.campaignId,
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    group: item.group,
    channel: item.channel,
    startedAt: item.startedAt,
    completedAt,
    answers,
    ...(Object.keys(profile).length > 0 ? { profile } : {}),
  };
}

/** Double entry: keys whose values differ between the two keyings (blank equals blank). */
export function entryMismatches(first: AnswerMap, second: AnswerMap): string[] {
  const norm = (v: AnswerMap[string] | undefined) => {
    if (v === undefined || !isAnswered(v)) return '';
    return Array.isArray(v) ? JSON.stringify([...v].sort()) : JSON.stringify(v);
  };
  const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
  return [...keys].filter((k) => norm(first[k]) !== norm(second[k])).sort();
}
