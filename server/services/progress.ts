import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { quotas, responses, responseUnits, users } from '../../db/schema';
import type { ProgressUnitRow, ProgressView } from '../../survey-forms/src';
import { getCampaignRow, listUnits } from './campaigns';
import { vietnamDaySql } from './vietnam-day';

/** The Vietnam day a response was completed on, as written on the device (services/vietnam-day.ts). */
const completedDay = vietnamDaySql(responses.completedAt);

/**
 * Fieldwork progress (docs/API.md §9 Progress): responses per unit and group against the
 * quota, per group, per Vietnam day and per collector. A cross-evaluation response counts
 * once for every unit it rates (from `response_units`, written when a response is stored,
 * by sync or by the invitation mix), so a unit's figure is "respondents who rated it"; the
 * totals count each response once.
 */
export async function campaignProgress(db: DbOrTx, campaignId: string): Promise<ProgressView> {
  await getCampaignRow(db, campaignId);
  const [quotaRows, unitRows, perCell, perGroup, perDay, perCollector] = await Promise.all([
    db.select().from(quotas).where(eq(quotas.campaignId, campaignId)),
    listUnits(db, campaignId),
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
    db.select({ date: completedDay, n: count() }).from(responses).where(eq(responses.campaignId, campaignId)).groupBy(completedDay).orderBy(completedDay),
    // Only responses a staff member synced carry `submitted_by`; invitation responses never do (docs/PRIVACY.md).
    db
      .select({ userId: responses.submittedBy, channel: responses.channel, displayName: users.displayName, username: users.username, n: count() })
      .from(responses)
      .leftJoin(users, eq(users.id, responses.submittedBy))
      .where(and(eq(responses.campaignId, campaignId), isNotNull(responses.submittedBy)))
      .groupBy(responses.submittedBy, responses.channel, users.displayName, users.username)
      .orderBy(desc(count())),
  ]);
  const units = new Map(unitRows.map((u) => [u.id, u]));
  const cells = new Map<string, ProgressUnitRow>();
  const key = (unitId: string, group: string) => `${unitId}\u0000${group}`;
  const cell = (unitId: string, group: string): ProgressUnitRow | null => {
    const unit = units.get(unitId);
    if (!unit) return null;
    let row = cells.get(key(unitId, group));
    if (!row) {
      row = { unitId, code: unit.code, name: unit.name, type: unit.type, parentId: unit.parentId, group, quota: 0, minimum: 0, responses: 0 };
      cells.set(key(unitId, group), row);
    }
    return row;
  };
  for (const q of quotaRows) {
    const row = cell(q.unitId, q.groupCode);
    if (row) {
      row.quota = q.target;
      row.minimum = q.minRespondents;
    }
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
    daily: perDay.map((d) => ({ date: d.date, responses: Number(d.n) })),
    collectors: collectorCounts(perCollector),
  };
}

function collectorCounts(rows: readonly { userId: string | null; channel: string; displayName: string | null; username: string | null; n: number }[]): ProgressView['collectors'] {
  const byUser = new Map<string, ProgressView['collectors'][number]>();
  for (const r of rows) {
    if (!r.userId) continue;
    let c = byUser.get(r.userId);
    if (!c) byUser.set(r.userId, (c = { userId: r.userId, name: r.displayName || r.username || r.userId, interview: 0, paper: 0, total: 0 }));
    const n = Number(r.n);
    if (r.channel === 'interview') c.interview += n;
    if (r.channel === 'paper') c.paper += n;
    c.total += n;
  }
  return [...byUser.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}
