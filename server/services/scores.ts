import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { scoreCache } from '../../db/schema';
import type { ScoresView } from '../../survey-forms/src';
import { pointScores, type UnitPoints } from '../stats/campaign-scores';
import { type ChoiceCount, cellsFromCounts } from '../stats/cell-means';
import { scoresFromRespondents } from '../stats/respondent-scores';
import type { ScoringInputs } from '../stats/scoring-inputs';
import { withheldCriteria } from '../stats/small-cells';
import { campaignDataKey, choiceCounts, choiceCountsOfCampaigns, excludedPerUnit, respondentAnswers } from './score-queries';
import { loadScoringInputs } from './score-inputs';

/** Bump when the payload or the rules change, so cached payloads of older code are not served. */
const PAYLOAD_VERSION = 'v4';

/**
 * Scores served during fieldwork: cached in score_cache under a key that changes with every
 * accepted response (count and newest received_at), so a read after the last sync always
 * gets a fresh computation, and repeated reads cost one index lookup and one row.
 */
export async function getScores(db: DbOrTx, campaignId: string): Promise<ScoresView> {
  return cachedScores(db, await loadScoringInputs(db, campaignId)); // 404 before anything else
}

/** `getScores` for a caller that has already loaded the campaign's scoring inputs. */
export async function cachedScores(db: DbOrTx, inputs: ScoringInputs): Promise<ScoresView> {
  const campaignId = inputs.campaignId;
  // Exclusions change the figures without a new response: their ids are part of the key.
  const exclusions = createHash('sha256').update(inputs.excluded.join(',')).digest('hex').slice(0, 16);
  const dataKey = `${PAYLOAD_VERSION}:${inputs.model.missingPolicy}:${exclusions}:${await campaignDataKey(db, campaignId)}`;
  const [cached] = await db.select().from(scoreCache).where(eq(scoreCache.campaignId, campaignId));
  if (cached && cached.dataKey === dataKey) return cached.payload as ScoresView;
  const payload = await computeScores(db, inputs);
  // The key was read before computing: a response arriving meanwhile makes the next read recompute.
  await db
    .insert(scoreCache)
    .values({ campaignId, dataKey, computedAt: new Date(payload.computedAt), payload })
    .onConflictDoUpdate({ target: scoreCache.campaignId, set: { dataKey, computedAt: new Date(payload.computedAt), payload: sql`excluded.payload` } });
  return payload;
}

/** The full computation from the compact per-respondent answers: one pass over the answers. */
export async function computeScores(db: DbOrTx, inputs: ScoringInputs): Promise<ScoresView> {
  const rows = await respondentAnswers(db, inputs);
  const excluded = await excludedPerUnit(db, inputs);
  const units = await scoresFromRespondents(inputs, rows, { excluded });
  return { campaignId: inputs.campaignId, computedAt: new Date().toISOString(), missingPolicy: inputs.model.missingPolicy, excluded: inputs.excluded.length, units };
}

/** Point scores of many campaigns (rules 1–4), counted in one scan where the campaigns allow it. */
export async function computePointScoresOf(db: DbOrTx, campaignIds: readonly string[]): Promise<Map<string, UnitPoints[]>> {
  const all = [];
  for (const id of campaignIds) all.push(await loadScoringInputs(db, id));
  const counts = await choiceCountsOfCampaigns(db, all);
  return new Map(all.map((inputs) => [inputs.campaignId, publishedPoints(inputs, counts.get(inputs.campaignId) ?? [])]));
}

/** Point scores only (rules 1–4) from one SQL GROUP BY scan: what the index needs, without intervals or flags. */
export async function computePointScores(db: DbOrTx, campaignId: string): Promise<UnitPoints[]> {
  const inputs = await loadScoringInputs(db, campaignId);
  return publishedPoints(inputs, await choiceCounts(db, inputs));
}

/** Rules 1–4 with the small-cells rule: criteria resting on fewer than 3 respondents count as missing (docs/PRIVACY.md). */
function publishedPoints(inputs: ScoringInputs, counts: readonly ChoiceCount[]): UnitPoints[] {
  const cells = cellsFromCounts(counts, inputs.answerKey);
  return pointScores(inputs.model, cells, withheldCriteria(cells));
}
