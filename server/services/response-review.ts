import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client';
import { responseReviews, responses } from '../../db/schema';
import type { ResponseFlagCode, ReviewedResponse, ReviewRequest } from '../../survey-forms/src';
import type { StaffUser } from '../plugins/auth';
import { AppError } from '../errors';
import { responseFlags } from '../stats/flags';
import { isStraightLined } from '../stats/respondent-stats';
import { recordAudit } from './audit';
import { respondentAnswers } from './score-queries';
import { loadScoringInputs } from './score-inputs';
import { vietnamDaySql } from './vietnam-day';

/**
 * Data review (docs/API.md §10 "Data review"): responses with their flags (docs/SCORING.md
 * rule 6, per response) and review status, and excluding or restoring one. What a row may say
 * is bounded by docs/PRIVACY.md "Response-level views": the day it was completed, never a time
 * of day, never who sent it, in response-id order (ids are random, so the order says nothing
 * about arrival).
 */

interface ResponseRow {
  id: string;
  qid: string;
  grp: string;
  channel: 'self' | 'interview' | 'paper';
  own_unit: string | null;
  day: string;
  secs: number | string;
  status: 'included' | 'excluded' | null;
  reason: string | null;
  at: Date | string | null;
  by_name: string | null;
}

/**
 * Every response of the campaign as a response-level view may show it (docs/PRIVACY.md):
 * the day completed, never a time of day or a sender; its review beside it. Also the rows of
 * the raw export (services/response-exports.ts).
 */
export async function responseRows(db: DbOrTx, campaignId: string): Promise<ResponseRow[]> {
  return queryRows<ResponseRow>(
    db,
    sql`SELECT r.id::text AS id, r.questionnaire_id AS qid, r.group_code AS grp, r.channel AS channel, r.unit_id::text AS own_unit,
               ${vietnamDaySql(sql`r.completed_at`)} AS day,
               floor(extract(epoch FROM (r.completed_at - r.started_at)))::int AS secs,
               v.status AS status, v.reason AS reason, v.at AS at, v.by_name AS by_name
        FROM responses r LEFT JOIN response_reviews v ON v.response_id = r.id
        WHERE r.campaign_id = ${campaignId}
        ORDER BY r.id`,
  );
}

/** Per response: answers given (any kind) and the units they are about. */
async function answerSummaries(db: DbOrTx, campaignId: string): Promise<Map<string, { answers: number; units: string[] }>> {
  const rows = await queryRows<{ id: string; answers: number | string; units: string | null }>(
    db,
    sql`SELECT a.response_id::text AS id,
               count(*) FILTER (WHERE a.choice IS NOT NULL OR (a.value IS NOT NULL AND a.value <> 'null'::jsonb))::int AS answers,
               string_agg(DISTINCT a.unit_id::text, ',') AS units
        FROM answers a WHERE a.campaign_id = ${campaignId}
        GROUP BY a.response_id`,
  );
  return new Map(rows.map((r) => [r.id, { answers: Number(r.answers), units: r.units ? r.units.split(',') : [] }]));
}

const isoOf = (at: Date | string | null): string | undefined => (at === null ? undefined : new Date(at).toISOString());

/**
 * Every response of the campaign with its flags and review, or only those carrying `flag`.
 * Without `flag`: the responses that need a look, that is with a flag or already reviewed.
 */
export async function listReviewedResponses(db: DbOrTx, campaignId: string, flag?: ResponseFlagCode): Promise<ReviewedResponse[]> {
  const inputs = await loadScoringInputs(db, campaignId); // campaign.not_found first
  const scored = new Map((await respondentAnswers(db, inputs, { withExcluded: true })).map((r) => [r.id, r]));
  const summaries = await answerSummaries(db, campaignId);
  const rows = await responseRows(db, campaignId);
  const out: ReviewedResponse[] = [];
  for (const row of rows) {
    const answersOf = scored.get(row.id);
    let dontKnow = 0;
    for (const slot of answersOf?.slots ?? []) if (inputs.slots[slot]?.weight === null) dontKnow += 1;
    const summary = summaries.get(row.id) ?? { answers: 0, units: [] };
    const flags = responseFlags({
      scoredAnswers: answersOf?.slots.length ?? 0,
      dontKnowAnswers: dontKnow,
      straightLined: answersOf ? isStraightLined(answersOf, inputs.slots) : false,
      answers: summary.answers,
      durationSeconds: Number(row.secs),
    });
    if (flag ? !flags.some((f) => f.code === flag) : flags.length === 0 && row.status === null) continue;
    const units = [...new Set([...(row.own_unit ? [row.own_unit] : []), ...summary.units])].sort();
    out.push({
      id: row.id,
      group: row.grp,
      unitIds: units,
      channel: row.channel,
      completedDate: row.day,
      flags,
      review: {
        status: row.status ?? 'included',
        ...(row.reason ? { reason: row.reason } : {}),
        ...(row.at ? { at: isoOf(row.at) } : {}),
        ...(row.by_name ? { by: row.by_name } : {}),
      },
    });
  }
  return out;
}

/** Exclude a response from scoring, or restore it; audit-logged both ways in the caller's transaction. */
export async function reviewResponse(
  tx: DbOrTx,
  campaignId: string,
  responseId: string,
  request: ReviewRequest,
  actor: StaffUser,
  now: Date,
): Promise<ReviewedResponse['review']> {
  const [found] = await tx
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.id, responseId), eq(responses.campaignId, campaignId)));
  if (!found) throw new AppError('response.not_found', `Không có phiếu ${responseId} trong đợt khảo sát này`);
  const reason = request.reason && request.reason.length > 0 ? request.reason : null;
  const values = { status: request.status, reason, at: now, byId: actor.id, byName: actor.username };
  await tx
    .insert(responseReviews)
    .values({ responseId, campaignId, ...values })
    .onConflictDoUpdate({ target: responseReviews.responseId, set: values });
  await recordAudit(tx, {
    actor,
    action: request.status === 'excluded' ? 'response.exclude' : 'response.restore',
    target: `response:${responseId}`,
    detail: { campaignId, reason },
  });
  return { status: request.status, ...(reason ? { reason } : {}), at: now.toISOString(), by: actor.username };
}
