import { eq, sql } from 'drizzle-orm';
import { type Db, type Tx, withTransaction } from '../../../db/client';
import { answers, heldBallots, responses, responseUnits } from '../../../db/schema';
import { expectedCells, type LoadCampaign, UNITS } from './load-campaign';
import type { LoadReport } from './load-devices';

/**
 * What the database holds after a load run, against what the devices were told (docs/SCALING.md).
 * Stored = a row in `responses`, or a ballot still held for the mix (invitation responses,
 * docs/PRIVACY.md). Lost: acknowledged but not stored. Unacknowledged: stored but never
 * acknowledged (a device gave up). Doubled: a response both held and stored, or answer /
 * response-unit rows beyond what each stored response's form makes (each counted from the form).
 */
export interface LoadCheck {
  acknowledged: number;
  stored: number;
  lost: number;
  unacknowledged: number;
  doubled: number;
  answerRows: { expected: number; found: number };
  unitRows: { expected: number; found: number };
  held: number;
}

export function verifyLoad(db: Db, c: LoadCampaign, report: LoadReport): Promise<LoadCheck> {
  // One snapshot, with no mix running (it moves ballots from held_ballots to responses and
  // empties the first with TRUNCATE, which an older snapshot would see as empty): the share
  // lock waits for a mix in progress and keeps the next one out until the counts are read.
  return withTransaction(db, async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read`);
    await tx.execute(sql`lock table held_ballots in share mode`);
    return count(tx, c, report);
  });
}

async function count(db: Tx, c: LoadCampaign, report: LoadReport): Promise<LoadCheck> {
  const rows = await db.select({ id: responses.id, q: responses.questionnaireId }).from(responses).where(eq(responses.campaignId, c.campaignId));
  const held = await db.select({ id: heldBallots.responseId }).from(heldBallots).where(eq(heldBallots.campaignId, c.campaignId));
  const storedIds = new Set(rows.map((r) => r.id));
  const heldIds = new Set(held.map((h) => h.id));
  const both = [...heldIds].filter((id) => storedIds.has(id)).length;
  const all = new Set([...storedIds, ...heldIds]);
  const lost = [...report.acked].filter((id) => !all.has(id)).length;
  const unacknowledged = [...all].filter((id) => !report.acked.has(id)).length;
  let expectedAnswers = 0;
  let expectedUnits = 0;
  for (const r of rows) {
    const q = report.sent.get(r.id) ?? r.q;
    expectedAnswers += expectedCells(c, q);
    expectedUnits += q === c.own.id ? 1 : UNITS;
  }
  const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(answers).where(eq(answers.campaignId, c.campaignId));
  const [u] = await db.select({ n: sql<number>`count(*)::int` }).from(responseUnits).where(eq(responseUnits.campaignId, c.campaignId));
  const answerRows = { expected: expectedAnswers, found: a?.n ?? 0 };
  const unitRows = { expected: expectedUnits, found: u?.n ?? 0 };
  const extraRows = Math.max(0, answerRows.found - answerRows.expected) + Math.max(0, unitRows.found - unitRows.expected);
  return {
    acknowledged: report.acked.size,
    stored: all.size,
    lost,
    unacknowledged,
    doubled: both + extraRows,
    answerRows,
    unitRows,
    held: heldIds.size,
  };
}
