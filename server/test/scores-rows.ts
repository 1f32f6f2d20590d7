import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { answers, responses } from '../../db/schema';
import type { Questionnaire } from '../../survey-forms/src';

/**
 * Stored responses written straight into `responses` and `answers`, as sync stores them, so
 * scoring tests can build exact datasets quickly and independently of the sync route.
 */
export interface RowAnswer {
  unitId: string | null;
  questionId: string;
  /** Option code, or null for a blank answer. */
  choice: string | null;
}

export interface RowResponse {
  id?: string;
  q: Questionnaire;
  /** The rated unit of an own-unit response; null for cross-evaluation. */
  unitId: string | null;
  answers: RowAnswer[];
}

export async function insertResponses(db: Db, campaignId: string, list: readonly RowResponse[]): Promise<string[]> {
  const ids: string[] = [];
  const responseRows: (typeof responses.$inferInsert)[] = [];
  const answerRows: (typeof answers.$inferInsert)[] = [];
  for (const r of list) {
    const id = r.id ?? randomUUID();
    ids.push(id);
    const content = JSON.stringify({ id, answers: r.answers });
    responseRows.push({
      id,
      campaignId,
      questionnaireId: r.q.id,
      questionnaireVersion: r.q.version,
      groupCode: r.q.group,
      unitId: r.unitId,
      channel: 'paper',
      startedAt: '2026-11-20T08:00:00+07:00',
      completedAt: '2026-11-20T08:10:00+07:00',
      contentHash: createHash('sha256').update(content).digest('hex'),
      content,
    });
    r.answers.forEach((a, seq) =>
      answerRows.push({ responseId: id, seq, campaignId, groupCode: r.q.group, unitId: a.unitId, questionId: a.questionId, choice: a.choice }),
    );
  }
  for (let i = 0; i < responseRows.length; i += 500) await db.insert(responses).values(responseRows.slice(i, i + 500));
  for (let i = 0; i < answerRows.length; i += 2000) await db.insert(answers).values(answerRows.slice(i, i + 2000));
  return ids;
}

/** Each row three times: enough answers to a question that the small-cells rule publishes it (docs/PRIVACY.md). */
export const x3 = <T>(...rows: T[]): T[] => [...rows, ...rows, ...rows];

/** An own-unit response: `choices` maps question id → option code (null = blank). */
export function own(q: Questionnaire, unitId: string, choices: Record<string, string | null>): RowResponse {
  return { q, unitId, answers: Object.entries(choices).map(([questionId, choice]) => ({ unitId, questionId, choice })) };
}

/** A cross-evaluation response: per unit id, question id → option code. */
export function cross(q: Questionnaire, perUnit: Record<string, Record<string, string | null>>): RowResponse {
  return {
    q,
    unitId: null,
    answers: Object.entries(perUnit).flatMap(([unitId, choices]) => Object.entries(choices).map(([questionId, choice]) => ({ unitId, questionId, choice }))),
  };
}
