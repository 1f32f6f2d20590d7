import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaigns, campaignUnits } from '../../db/schema';
import type { IndexTree, UnitDef } from '../../survey-forms/src';
import type { StaffUser } from '../plugins/auth';
import { recordAudit } from './audit';
import { lockCampaign, requireEditable } from './campaign-drafts';

/**
 * The lists a draft campaign imports whole: its unit list and its index tree. Both freeze
 * when the campaign opens (responses name units; scores follow the index).
 */
type Actor = Pick<StaffUser, 'id' | 'username'>;

export interface UnitsChange {
  added: number;
  updated: number;
  removed: string[];
}

/** What replacing the unit list with `units` would do, by code. */
export function diffUnits(existing: readonly { code: string }[], units: readonly UnitDef[]): UnitsChange {
  const incoming = new Set(units.map((u) => u.code));
  const before = new Set(existing.map((u) => u.code));
  return {
    added: units.filter((u) => !before.has(u.code)).length,
    updated: units.filter((u) => before.has(u.code)).length,
    removed: existing.filter((u) => !incoming.has(u.code)).map((u) => u.code),
  };
}

/**
 * Replaces the draft's unit list. A unit whose code stays keeps its id, so its quotas stay;
 * units no longer listed go, with their quotas and collector assignments.
 */
export async function replaceUnits(db: DbOrTx, campaignId: string, units: readonly UnitDef[], actor: Actor): Promise<UnitsChange> {
  requireEditable(await lockCampaign(db, campaignId), 'setup', 'danh sách đơn vị');
  const existing = await db.select({ id: campaignUnits.id, code: campaignUnits.code }).from(campaignUnits).where(eq(campaignUnits.campaignId, campaignId));
  const change = diffUnits(existing, units);
  const idByCode = new Map(existing.map((u) => [u.code, u.id]));
  for (const u of units) if (!idByCode.has(u.code)) idByCode.set(u.code, randomUUID());
  const gone = existing.filter((u) => change.removed.includes(u.code)).map((u) => u.id);
  for (let i = 0; i < gone.length; i += 1000) await db.delete(campaignUnits).where(inArray(campaignUnits.id, gone.slice(i, i + 1000)));
  for (let i = 0; i < units.length; i += 1000) {
    await db
      .insert(campaignUnits)
      .values(
        units.slice(i, i + 1000).map((u) => ({
          id: idByCode.get(u.code) as string,
          campaignId,
          code: u.code,
          name: u.name,
          type: u.type,
          parentId: u.parentCode ? (idByCode.get(u.parentCode) ?? null) : null,
        })),
      )
      .onConflictDoUpdate({ target: campaignUnits.id, set: { name: sql`excluded.name`, type: sql`excluded.type`, parentId: sql`excluded.parent_id` } });
  }
  await recordAudit(db, {
    actor,
    action: 'campaign.units.import',
    target: `campaign:${campaignId}`,
    detail: { units: units.length, added: change.added, updated: change.updated, removed: change.removed.length },
  });
  return change;
}

export async function setIndex(db: DbOrTx, campaignId: string, index: IndexTree, actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'setup', 'bộ chỉ số');
  await db.update(campaigns).set({ index }).where(eq(campaigns.id, campaignId));
  await recordAudit(db, { actor, action: 'campaign.index.import', target: `campaign:${campaignId}`, detail: { surveyShare: index.surveyShare, fields: index.fields.length } });
}
