import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignGroups, campaignUnits, quotas } from '../../db/schema';
import type { QuotaRule } from '../../survey-forms/src';
import { AppError } from '../errors';
import type { StaffUser } from '../plugins/auth';
import { recordAudit } from './audit';
import { lockCampaign, requireEditable } from './campaign-drafts';

/**
 * Quotas (docs/DOMAIN.md §1 sample plan): per unit and group, set one by one, in bulk per unit
 * type × group, or from a spreadsheet. Editable while the campaign is open (fieldwork shows
 * where more forms are needed). A target of 0 removes the quota.
 */
type Actor = Pick<StaffUser, 'id' | 'username'>;

export interface QuotaCell {
  unitId: string;
  groupCode: string;
  target: number;
  minRespondents: number;
}

async function knownGroups(db: DbOrTx, campaignId: string): Promise<Set<string>> {
  const rows = await db.select({ code: campaignGroups.code }).from(campaignGroups).where(eq(campaignGroups.campaignId, campaignId));
  return new Set(rows.map((r) => r.code));
}

/** Writes cells (upsert; target 0 deletes), in chunks. */
async function writeCells(db: DbOrTx, campaignId: string, cells: readonly QuotaCell[]): Promise<void> {
  const keep = cells.filter((c) => c.target > 0);
  for (const c of cells.filter((x) => x.target === 0)) {
    await db.delete(quotas).where(and(eq(quotas.campaignId, campaignId), eq(quotas.unitId, c.unitId), eq(quotas.groupCode, c.groupCode)));
  }
  for (let i = 0; i < keep.length; i += 1000) {
    await db
      .insert(quotas)
      .values(keep.slice(i, i + 1000).map((c) => ({ campaignId, ...c })))
      .onConflictDoUpdate({
        target: [quotas.campaignId, quotas.unitId, quotas.groupCode],
        set: { target: sql`excluded.target`, minRespondents: sql`excluded.min_respondents` },
      });
  }
}

/** Every unit of each rule's type gets the rule's target and minimum for the group. */
export async function applyQuotaRules(db: DbOrTx, campaignId: string, rules: readonly QuotaRule[], actor: Actor): Promise<number> {
  requireEditable(await lockCampaign(db, campaignId), 'fieldwork', 'chỉ tiêu');
  const groups = await knownGroups(db, campaignId);
  const unknown = rules.map((r, i) => ({ r, i })).filter(({ r }) => !groups.has(r.group));
  if (unknown.length > 0) {
    throw new AppError('validation.failed', 'Có nhóm không thuộc đợt khảo sát', unknown.map(({ r, i }) => ({ path: `body.rules.${i}.group`, message: `Nhóm "${r.group}" không có trong đợt khảo sát` })));
  }
  const types = [...new Set(rules.map((r) => r.unitType))];
  const units = types.length
    ? await db.select({ id: campaignUnits.id, type: campaignUnits.type }).from(campaignUnits).where(and(eq(campaignUnits.campaignId, campaignId), inArray(campaignUnits.type, types)))
    : [];
  const cells = rules.flatMap((r) => units.filter((u) => u.type === r.unitType).map((u) => ({ unitId: u.id, groupCode: r.group, target: r.target, minRespondents: r.minRespondents })));
  await writeCells(db, campaignId, cells);
  await recordAudit(db, { actor, action: 'campaign.quotas.bulk', target: `campaign:${campaignId}`, detail: { rules: rules.length, cells: cells.length } });
  return cells.length;
}

export async function setQuota(db: DbOrTx, campaignId: string, cell: QuotaCell, actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'fieldwork', 'chỉ tiêu');
  if (!(await knownGroups(db, campaignId)).has(cell.groupCode)) throw new AppError('group.not_found', `Đợt khảo sát không có nhóm "${cell.groupCode}"`);
  const [unit] = await db.select({ code: campaignUnits.code }).from(campaignUnits).where(and(eq(campaignUnits.campaignId, campaignId), eq(campaignUnits.id, cell.unitId)));
  if (!unit) throw new AppError('unit.not_found', 'Đơn vị không thuộc đợt khảo sát này');
  await writeCells(db, campaignId, [cell]);
  await recordAudit(db, { actor, action: 'campaign.quota.set', target: `campaign:${campaignId}`, detail: { unit: unit.code, group: cell.groupCode, target: cell.target, minRespondents: cell.minRespondents } });
}

/** The whole quota list from a spreadsheet: what the file says replaces what was there. */
export async function replaceQuotas(db: DbOrTx, campaignId: string, cells: readonly QuotaCell[], actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'fieldwork', 'chỉ tiêu');
  await db.delete(quotas).where(eq(quotas.campaignId, campaignId));
  await writeCells(db, campaignId, cells);
  await recordAudit(db, { actor, action: 'campaign.quotas.import', target: `campaign:${campaignId}`, detail: { cells: cells.length } });
}
