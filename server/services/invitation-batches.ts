import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { BatchView } from '../../survey-forms/src/api';
import { campaignGroups, campaignUnits, invitationBatches, invitations, spentInvitations } from '../../db/schema';
import { AppError } from '../errors';
import { getCampaignRow } from './campaigns';

/**
 * Issued invitation batches as the console lists them (docs/DATA-MODEL.md "invitation_batches"):
 * counts only, never a code. Used is derived as issued − voided − unused, so it stays right
 * whether a consumed code keeps its row (flagged) or loses it. The shape is `BatchView`
 * (survey-forms/src/api.ts), shared with the route and the console.
 */

/**
 * A code is unused when neither flagged used (campaign closed) nor spent while the campaign is
 * open: spent codes live apart in `spent_invitations` until the close (docs/PRIVACY.md).
 */
const notSpent = sql`not exists (select 1 from ${spentInvitations} where ${spentInvitations.invitationId} = ${invitations.id})`;

async function unusedByBatch(db: DbOrTx, campaignId: string, batchId?: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ batchId: invitations.batchId, n: count() })
    .from(invitations)
    .where(and(eq(invitations.campaignId, campaignId), eq(invitations.used, false), notSpent, batchId ? eq(invitations.batchId, batchId) : undefined))
    .groupBy(invitations.batchId);
  return new Map(rows.filter((r) => r.batchId !== null).map((r) => [r.batchId as string, Number(r.n)]));
}

function batchQuery(db: DbOrTx) {
  return db
    .select({ batch: invitationBatches, groupName: campaignGroups.name, unitCode: campaignUnits.code, unitName: campaignUnits.name })
    .from(invitationBatches)
    .leftJoin(campaignGroups, and(eq(campaignGroups.campaignId, invitationBatches.campaignId), eq(campaignGroups.code, invitationBatches.groupCode)))
    .leftJoin(campaignUnits, eq(campaignUnits.id, invitationBatches.unitId))
    .$dynamic();
}

type BatchRow = Awaited<ReturnType<ReturnType<typeof batchQuery>['execute']>>[number];

function view(row: BatchRow, unused: number): BatchView {
  const b = row.batch;
  return {
    id: b.id,
    group: b.groupCode,
    groupName: row.groupName ?? b.groupCode,
    unitId: b.unitId,
    unitCode: row.unitCode,
    unitName: row.unitName,
    count: b.count,
    used: Math.max(0, b.count - b.voided - unused),
    unused,
    voided: b.voided,
    issuedAt: b.issuedAt.toISOString(),
    issuedBy: b.issuedByName,
  };
}

/** Every batch of a campaign, newest first. */
export async function listBatches(db: DbOrTx, campaignId: string): Promise<BatchView[]> {
  await getCampaignRow(db, campaignId);
  const [rows, unused] = await Promise.all([
    batchQuery(db).where(eq(invitationBatches.campaignId, campaignId)).orderBy(desc(invitationBatches.issuedAt), desc(invitationBatches.id)),
    unusedByBatch(db, campaignId),
  ]);
  return rows.map((r) => view(r, unused.get(r.batch.id) ?? 0));
}

async function getBatch(db: DbOrTx, campaignId: string, batchId: string): Promise<BatchView> {
  const [row] = await batchQuery(db).where(and(eq(invitationBatches.campaignId, campaignId), eq(invitationBatches.id, batchId)));
  if (!row) throw new AppError('invitation.batch_not_found', `Đợt phát mã ${batchId} không thuộc đợt khảo sát này`);
  return view(row, (await unusedByBatch(db, campaignId, batchId)).get(batchId) ?? 0);
}

/**
 * Voids the unused codes of a batch by deleting them: a voided code then looks up exactly
 * like one never issued (404 `invitation.not_found`, whose message names both cases).
 * Used codes are untouched. Returns the batch after the void and how many codes went.
 */
export async function voidBatch(tx: DbOrTx, campaignId: string, batchId: string): Promise<{ batch: BatchView; voided: number }> {
  await getBatch(tx, campaignId, batchId);
  const deleted = await tx
    .delete(invitations)
    .where(and(eq(invitations.campaignId, campaignId), eq(invitations.batchId, batchId), eq(invitations.used, false), notSpent))
    .returning({ id: invitations.id });
  if (deleted.length > 0) {
    // Added in SQL, so two voids racing on one batch both count what each deleted.
    await tx
      .update(invitationBatches)
      .set({ voided: sql`${invitationBatches.voided} + ${deleted.length}` })
      .where(eq(invitationBatches.id, batchId));
  }
  return { batch: await getBatch(tx, campaignId, batchId), voided: deleted.length };
}
