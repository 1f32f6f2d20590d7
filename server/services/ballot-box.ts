import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { heldBallots, responses, spentInvitations } from '../../db/schema';
import type { SyncResult } from '../../survey-forms/src';
import type { PreparedItem } from './sync-check';
import { existingOutcomes, statusRejections } from './sync-store';

/**
 * An invitation response is a ballot: it is held, not stored in `responses`, until the mix
 * (services/ballot-mix.ts, docs/PRIVACY.md) moves it there in another transaction. Exactly
 * once still holds: the ballot and its code's consumption are written in one transaction, so
 * a code is spent if and only if its ballot is held or stored, and a ballot's id is looked
 * up in both places, so a retry answers `duplicate` before and after the mix.
 */

/** Stored or held: `duplicate` (same content) or `conflict`. */
export async function knownOutcomes(db: DbOrTx, items: { response: { id: string }; contentHash: string }[]): Promise<Map<string, SyncResult>> {
  if (items.length === 0) return new Map();
  // Held ballots first, then responses, each in its own statement: a mix committing between
  // the two moved the ballot into responses, which the second statement then sees (a mix
  // empties held_ballots with TRUNCATE, which a statement that waited on its lock reads as empty).
  const held = await db
    .select({ id: heldBallots.responseId, contentHash: heldBallots.contentHash })
    .from(heldBallots)
    .where(inArray(heldBallots.responseId, items.map((i) => i.response.id)));
  const out = new Map<string, SyncResult>();
  const heldHash = new Map(held.map((h) => [h.id, h.contentHash]));
  for (const item of items) {
    const hash = heldHash.get(item.response.id);
    if (hash !== undefined) out.set(item.response.id, outcome(item.response.id, hash === item.contentHash));
  }
  const rest = items.filter((i) => !out.has(i.response.id));
  for (const [id, result] of await existingOutcomes(db, rest)) out.set(id, result);
  return out;
}

function outcome(id: string, same: boolean): SyncResult {
  return same ? { id, status: 'duplicate' } : { id, status: 'conflict', code: 'sync.conflict', detail: 'Mã phiếu đã được lưu với nội dung khác; không ghi đè' };
}

/** Rolls the ballot transaction back; the caller answers the item from what is stored. */
export class BallotNotHeld extends Error {}

/**
 * The ballot transaction's work, in the caller's transaction (services/sync.ts decides it, one
 * per item, retried whole): campaign status (FOR SHARE, as for staff batches), the ballot into
 * `held_ballots`, then the code into `spent_invitations`, whose primary key lets only one of
 * two racing tabs through. Throws BallotNotHeld when the code was used or the id held or stored
 * meanwhile. Nothing touches the `invitations` row (a foreign key check or an UPDATE would
 * leave this transaction's id in its header for good).
 */
export async function holdBallot(tx: Tx, item: PreparedItem, invitation: { id: string; campaignId: string }): Promise<SyncResult> {
  const id = item.response.id;
  const status = (await statusRejections(tx, [item])).get(id);
  if (status) return status;
  const held = await tx
    .insert(heldBallots)
    .values({ responseId: id, campaignId: item.row.campaignId, contentHash: item.contentHash, ballot: JSON.stringify({ row: item.row, cells: item.cells, unitRows: item.unitRows }) })
    .onConflictDoNothing()
    .returning({ id: heldBallots.responseId });
  if (held.length === 0) throw new BallotNotHeld(); // held by another tab meanwhile
  // A mix may have moved this very ballot into responses after the first look-up.
  const [stored] = await tx.select({ n: sql<number>`1` }).from(responses).where(inArray(responses.id, [id]));
  if (stored) throw new BallotNotHeld();
  const spent = await tx
    .insert(spentInvitations)
    .values({ invitationId: invitation.id, campaignId: invitation.campaignId })
    .onConflictDoNothing()
    .returning({ id: spentInvitations.invitationId });
  if (spent.length === 0) throw new BallotNotHeld();
  return { id, status: 'accepted' as const };
}
