import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';
import { campaigns, heldBallots, responses } from '../../db/schema';
import type { StoredRows } from './sync-check';
import { insertRows } from './sync-store';

/**
 * The mix (docs/PRIVACY.md): invitation ballots wait in `held_ballots`, written in the same
 * transaction as their code's row in `spent_invitations` (exactly once needs that). That
 * shared transaction is the link an operator could follow (xmin, physical order), so a later
 * transaction moves the ballots into `responses`, `answers` and `response_units` in random
 * order with the day as their arrival time, and rewrites both holding tables from scratch:
 *
 * - `TRUNCATE` gives each table a new, empty file; the old one, with every row and dead tuple
 *   the ballot transactions wrote, is unlinked at commit. Nothing waits for VACUUM.
 * - Spent codes are written back in invitation-id order, so every row carries this mix's
 *   transaction id and no arrival order; ballots kept back (their campaign's batch is not
 *   full yet) are written back in random order and lose their link the same way.
 * - A closed campaign's spent codes are folded into `invitations.used` (one UPDATE in index
 *   or issue order, never consumption order) and its ballots are always mixed.
 *
 * `LOCK TABLE … ACCESS EXCLUSIVE` first: ballot transactions in flight finish before the mix
 * reads, and new ones wait a few milliseconds until it commits.
 */
export interface MixRequest {
  /** Campaigns mixed whatever the number of their held ballots; 'all' for every campaign (the timer). */
  force?: readonly string[] | 'all';
  /** Otherwise a campaign is mixed once it holds at least this many ballots. */
  batch: number;
  /** Uniform in [0, 1); crypto by default, seeded in tests. */
  random?: () => number;
}

export interface MixReport {
  /** Ballots moved into `responses`. */
  mixed: number;
  /** Ballots still held after this mix. */
  held: number;
  /** Spent codes folded into `invitations.used` (closed campaigns). */
  folded: number;
}

const cryptoRandom = () => randomInt(0, 2 ** 47) / 2 ** 47;

/** Fisher–Yates with the given source. */
export function shuffled<T>(items: readonly T[], random: () => number = cryptoRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * One mix, in the caller's transaction: the mixer (plugins/ballot-mixer.ts) decides it and
 * gives the mix a transaction of its own, never one shared with a ballot's.
 */
export async function mixBallots(tx: Tx, req: MixRequest): Promise<MixReport> {
  const random = req.random ?? cryptoRandom;
  await tx.execute(sql`LOCK TABLE held_ballots, spent_invitations IN ACCESS EXCLUSIVE MODE`);
  const held = await tx.select().from(heldBallots);
  const spentCampaigns = await queryRows<{ id: string; n: number }>(tx, sql`SELECT campaign_id::text AS id, count(*)::int AS n FROM spent_invitations GROUP BY 1`);
  const involved = [...new Set([...held.map((h) => h.campaignId), ...spentCampaigns.map((s) => s.id)])];
  const closed = new Set(
    involved.length ? (await tx.select({ id: campaigns.id }).from(campaigns).where(and(inArray(campaigns.id, involved), eq(campaigns.status, 'closed')))).map((c) => c.id) : [],
  );
  const perCampaign = new Map<string, number>();
  for (const h of held) perCampaign.set(h.campaignId, (perCampaign.get(h.campaignId) ?? 0) + 1);
  const due = (campaignId: string) =>
    req.force === 'all' || req.force?.includes(campaignId) || closed.has(campaignId) || (perCampaign.get(campaignId) ?? 0) >= req.batch;
  const toMix = held.filter((h) => due(h.campaignId));
  const folded = spentCampaigns.filter((s) => closed.has(s.id)).reduce((sum, s) => sum + Number(s.n), 0);
  if (toMix.length === 0 && folded === 0) return { mixed: 0, held: held.length, folded: 0 };

  // Closed campaigns' codes into the flag; the others' kept aside in a temporary table (its
  // file is unlinked at commit too), in the server: no round trip per code.
  const closedIds = `{${[...closed].join(',')}}`;
  if (folded) await tx.execute(sql`UPDATE invitations SET used = true WHERE id IN (SELECT invitation_id FROM spent_invitations WHERE campaign_id = ANY(${closedIds}::uuid[]))`);
  await tx.execute(sql`CREATE TEMP TABLE spent_kept ON COMMIT DROP AS SELECT invitation_id, campaign_id FROM spent_invitations WHERE NOT (campaign_id = ANY(${closedIds}::uuid[]))`);
  await tx.execute(sql`TRUNCATE held_ballots, spent_invitations`);
  const order = shuffled(toMix, random);
  const inserted = await insertRows(tx, order.map((h) => JSON.parse(h.ballot) as StoredRows), 'day');
  const keep = [...held.filter((h) => !due(h.campaignId)), ...(await collisions(tx, order.filter((h) => !inserted.has(h.responseId))))];
  if (keep.length) await tx.insert(heldBallots).values(shuffled(keep, random));
  await tx.execute(sql`INSERT INTO spent_invitations (invitation_id, campaign_id) SELECT invitation_id, campaign_id FROM spent_kept ORDER BY invitation_id`);
  return { mixed: inserted.size, held: keep.length, folded };
}

/**
 * Ballots whose id was meanwhile stored by a staff batch (the same device-minted id from two
 * credentials at the same instant: the staff path checks held ballots first, so only a race
 * gets here). Identical content is already stored once; a different content is kept held,
 * never dropped, so a consumed code always has its ballot somewhere.
 */
async function collisions(tx: Tx, lost: { responseId: string; contentHash: string; campaignId: string; ballot: string }[]) {
  if (lost.length === 0) return [];
  const stored = await tx
    .select({ id: responses.id, hash: responses.contentHash })
    .from(responses)
    .where(inArray(responses.id, lost.map((l) => l.responseId)));
  const hashOf = new Map(stored.map((s) => [s.id, s.hash]));
  return lost.filter((l) => hashOf.get(l.responseId) !== l.contentHash);
}
