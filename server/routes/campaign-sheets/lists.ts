import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { campaignGroups, quotas } from '../../../db/schema';
import type { UnitType } from '../../../survey-forms/src';
import type { QuotaCell } from '../../services/campaign-quotas';
import { listUnits } from '../../services/campaigns';

/** The campaign's lists as the spreadsheets read and write them (parents by code, not id). */
export const campaignLists = {
  async units(db: DbOrTx, campaignId: string): Promise<{ id: string; code: string; name: string; type: UnitType; parentCode: string | null }[]> {
    const units = await listUnits(db, campaignId);
    const codeOf = new Map(units.map((u) => [u.id, u.code]));
    return units.map((u) => ({ id: u.id, code: u.code, name: u.name, type: u.type, parentCode: u.parentId ? (codeOf.get(u.parentId) ?? null) : null }));
  },
  groups: (db: DbOrTx, campaignId: string) =>
    db.select({ code: campaignGroups.code, name: campaignGroups.name }).from(campaignGroups).where(eq(campaignGroups.campaignId, campaignId)).orderBy(asc(campaignGroups.code)),
  quotas: (db: DbOrTx, campaignId: string): Promise<QuotaCell[]> =>
    db.select({ unitId: quotas.unitId, groupCode: quotas.groupCode, target: quotas.target, minRespondents: quotas.minRespondents }).from(quotas).where(eq(quotas.campaignId, campaignId)),
};
