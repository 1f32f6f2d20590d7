import { count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignUnits, quotas, responses, responseUnits } from '../../db/schema';
import { getCampaignRow } from './campaigns';

/**
 * Fieldwork progress (docs/API.md §9 progress): responses per unit and group against the quota.
 * A cross-evaluation response counts once for every unit it rates (from `response_units`,
 * written by sync), so a unit's figure is "respondents who rated it".
 */
export interface ProgressRow {
  unitId: string;
  code: string;
  name: string;
  group: string;
  quota: number;
  responses: number;
}

export interface Progress {
  campaignId: string;
  units: ProgressRow[];
  /** Overall: quota is the sum of targets; responses counts distinct responses (a cross form once). */
  totals: { quota: number; responses: number };
  groups: { group: string; quota: number; responses: number }[];
}

export async function campaignProgress(db: DbOrTx, campaignId: string): Promise<Progress> {
  await getCampaignRow(db, campaignId);
  const [quotaRows, unitRows, perCell, perGroup] = await Promise.all([
    db.select().from(quotas).where(eq(quotas.campaignId, campaignId)),
    db.select({ id: campaignUnits.id, code: campaignUnits.code, name: campaignUnits.name }).from(campaignUnits).where(eq(campaignUnits.campaignId, campaignId)),
    db
      .select({ unitId: responseUnits.unitId, group: responseUnits.groupCode, n: count() })
      .from(responseUnits)
      .where(eq(responseUnits.campaignId, campaignId))
      .groupBy(responseUnits.unitId, responseUnits.groupCode),
    db
      .select({ group: responses.groupCode, n: count() })
      .from(responses)
      .where(eq(responses.campaignId, campaignId))
      .groupBy(responses.groupCode),
  ]);
  const units = new Map(unitRows.map((u) => [u.id, u]));
  const cells = new Map<string, ProgressRow>();
  const key = (unitId: string, group: string) => `${unitId}\u0000${group}`;
  const cell = (unitId: string, group: string): ProgressRow | null => {
    const unit = units.get(unitId);
    if (!unit) return null;
    let row = cells.get(key(unitId, group));
    if (!row) {
      row = { unitId, code: unit.code, name: unit.name, group, quota: 0, responses: 0 };
      cells.set(key(unitId, group), row);
    }
    return row;
  };
  for (const q of quotaRows) {
    const row = cell(q.unitId, q.groupCode);
    if (row) row.quota = q.target;
  }
  // Cells with responses but no quota are shown too (quota 0): nothing collected is hidden.
  for (const c of perCell) {
    const row = cell(c.unitId, c.group);
    if (row) row.responses = Number(c.n);
  }
  const rows = [...cells.values()].sort((a, b) => a.code.localeCompare(b.code) || a.group.localeCompare(b.group));
  const groupNames = [...new Set([...rows.map((r) => r.group), ...perGroup.map((g) => g.group)])].sort();
  const groups = groupNames.map((group) => ({
    group,
    quota: rows.filter((r) => r.group === group).reduce((s, r) => s + r.quota, 0),
    responses: Number(perGroup.find((g) => g.group === group)?.n ?? 0),
  }));
  return {
    campaignId,
    units: rows,
    totals: { quota: groups.reduce((s, g) => s + g.quota, 0), responses: groups.reduce((s, g) => s + g.responses, 0) },
    groups,
  };
}
