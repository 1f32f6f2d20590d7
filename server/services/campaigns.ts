import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { campaignGroups, campaignQuestionnaires, campaigns, campaignUnits, collectorAssignments, quotas, users } from '../../db/schema';
import type { CampaignDefinition, CampaignDetail, CampaignStatus, CampaignSummary, UnitView } from '../../survey-forms/src';
import { checkCampaignQuestionnaires, checkFormFits } from '../../survey-forms/src';
import { AppError, pathString } from '../errors';
import type { StaffUser } from '../plugins/auth';
import { assertReadyToOpen } from './campaign-readiness';
import { loadQuestionnaires } from './questionnaires';

/** Creates a campaign from a checked definition in the caller's transaction: nothing half-written. */
export async function createCampaign(tx: Tx, def: CampaignDefinition): Promise<{ id: string; unitIds: Record<string, string> }> {
  const found = await loadQuestionnaires(tx, def.questionnaires);
  const problems = checkCampaignQuestionnaires(def, found);
  if (problems.length > 0) {
    throw new AppError('definition.invalid', `${problems.length} lỗi trong định nghĩa đợt khảo sát`, problems.map((p) => ({ path: pathString(p.path), message: p.message })));
  }
  const id = randomUUID();
  // Unit ids are minted here so parents resolve in one pass, whatever the order of the list.
  const unitIds: Record<string, string> = Object.fromEntries(def.units.map((u) => [u.code, randomUUID()]));
  await tx.insert(campaigns).values({
    id,
    name: def.name,
    year: def.year,
    organizer: def.organizer,
    status: def.status,
    opensAt: new Date(def.opensAt),
    closesAt: new Date(def.closesAt),
    closingAt: def.status === 'closing' || def.status === 'closed' ? new Date() : null,
    missingPolicy: def.missingPolicy,
    index: def.index,
    definition: def,
  });
  for (let i = 0; i < def.units.length; i += 1000) {
    await tx.insert(campaignUnits).values(
      def.units.slice(i, i + 1000).map((u) => ({
        id: unitIds[u.code] as string,
        campaignId: id,
        code: u.code,
        name: u.name,
        type: u.type,
        parentId: u.parentCode ? (unitIds[u.parentCode] ?? null) : null,
      })),
    );
  }
  await tx.insert(campaignGroups).values(def.groups.map((g) => ({ campaignId: id, code: g.code, name: g.name, weight: g.weight })));
  // Each questionnaire fills the slot of its own group and unit type (checked above: one per slot).
  const slotOf = new Map(found.map((q) => [q.id, { groupCode: q.group, unitType: q.unitType }]));
  await tx.insert(campaignQuestionnaires).values(
    def.questionnaires.map((q) => ({ campaignId: id, questionnaireId: q.id, currentVersion: q.version, ...(slotOf.get(q.id) ?? { groupCode: '', unitType: 'so' as const }) })),
  );
  for (let i = 0; i < def.quotas.length; i += 1000) {
    await tx.insert(quotas).values(
      def.quotas.slice(i, i + 1000).map((q) => ({
        campaignId: id,
        unitId: unitIds[q.unitCode] as string,
        groupCode: q.group,
        target: q.target,
        minRespondents: q.minRespondents,
      })),
    );
  }
  return { id, unitIds };
}

function summary(row: typeof campaigns.$inferSelect): CampaignSummary {
  return { id: row.id, name: row.name, year: row.year, status: row.status, opensAt: row.opensAt.toISOString(), closesAt: row.closesAt.toISOString() };
}

export async function listCampaigns(db: DbOrTx, viewer: StaffUser): Promise<CampaignSummary[]> {
  const rows =
    viewer.role === 'collector'
      ? await db
          .selectDistinct({ c: campaigns })
          .from(campaigns)
          .innerJoin(collectorAssignments, eq(collectorAssignments.campaignId, campaigns.id))
          .where(eq(collectorAssignments.userId, viewer.id))
          .then((r) => r.map((x) => x.c))
      : await db.select().from(campaigns);
  return rows.sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'vi')).map(summary);
}

export async function getCampaignRow(db: DbOrTx, id: string): Promise<typeof campaigns.$inferSelect> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!row) throw new AppError('campaign.not_found', `Không có đợt khảo sát ${id}`);
  return row;
}

export async function listUnits(db: DbOrTx, campaignId: string): Promise<UnitView[]> {
  return db
    .select({ id: campaignUnits.id, code: campaignUnits.code, name: campaignUnits.name, type: campaignUnits.type, parentId: campaignUnits.parentId })
    .from(campaignUnits)
    .where(eq(campaignUnits.campaignId, campaignId))
    .orderBy(asc(campaignUnits.code));
}

/** Unit ids a collector may interview for in a campaign. */
export async function assignedUnitIds(db: DbOrTx, campaignId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ unitId: collectorAssignments.unitId })
    .from(collectorAssignments)
    .where(and(eq(collectorAssignments.campaignId, campaignId), eq(collectorAssignments.userId, userId)));
  return new Set(rows.map((r) => r.unitId));
}

/** GET /api/campaigns/:id: the campaign with everything a device needs to work offline. */
export async function getCampaignDetail(db: DbOrTx, id: string, viewer: StaffUser): Promise<CampaignDetail> {
  const row = await getCampaignRow(db, id);
  let units = await listUnits(db, id);
  if (viewer.role === 'collector') {
    const mine = await assignedUnitIds(db, id, viewer.id);
    if (mine.size === 0) throw new AppError('campaign.not_found', 'Bạn chưa được phân công đơn vị nào trong đợt khảo sát này');
    units = units.filter((u) => mine.has(u.id));
  }
  const visible = new Set(units.map((u) => u.id));
  const [groups, quotaRows, refs] = await Promise.all([
    db.select().from(campaignGroups).where(eq(campaignGroups.campaignId, id)).orderBy(asc(campaignGroups.code)),
    db.select().from(quotas).where(eq(quotas.campaignId, id)),
    db.select().from(campaignQuestionnaires).where(eq(campaignQuestionnaires.campaignId, id)).orderBy(asc(campaignQuestionnaires.questionnaireId)),
  ]);
  const questionnaires = await loadQuestionnaires(db, refs.map((r) => ({ id: r.questionnaireId, version: r.currentVersion })));
  return {
    ...summary(row),
    organizer: row.organizer,
    missingPolicy: row.missingPolicy,
    units,
    groups: groups.map((g) => ({ code: g.code, name: g.name, weight: g.weight })),
    quotas: quotaRows
      .filter((q) => visible.has(q.unitId))
      .map((q) => ({ unitId: q.unitId, group: q.groupCode, target: q.target, minRespondents: q.minRespondents })),
    index: row.index,
    questionnaires,
  };
}

/** docs/API.md §5 campaigns: status moves draft → open → closing → closed, one step at a time, never back. */
const NEXT: Record<CampaignStatus, CampaignStatus | null> = { draft: 'open', open: 'closing', closing: 'closed', closed: null };

/**
 * Moves a campaign one status on; the caller holds the transaction. Opening checks the
 * campaign is complete and coherent first (services/campaign-readiness.ts), at `now`.
 */
export async function changeCampaignStatus(tx: Tx, id: string, to: CampaignStatus, now: Date): Promise<CampaignSummary> {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (!row) throw new AppError('campaign.not_found', `Không có đợt khảo sát ${id}`);
  if (NEXT[row.status] !== to) {
    throw new AppError('campaign.invalid_transition', `Không thể chuyển từ "${row.status}" sang "${to}"; bước tiếp theo: ${NEXT[row.status] ?? 'không có'}`);
  }
  if (to === 'open') await assertReadyToOpen(tx, row, now);
  const [updated] = await tx
    .update(campaigns)
    // The closing cut-off is the wall-clock moment of the change: sync compares completion times with it.
    .set({ status: to, ...(to === 'closing' ? { closingAt: new Date() } : {}) })
    .where(eq(campaigns.id, id))
    .returning();
  return summary(updated ?? row);
}

/** Replaces a collector's units in a campaign (admin). Units must belong to the campaign. Returns the collector's username, for the audit log. */
export async function assignCollector(tx: Tx, campaignId: string, userId: string, unitIds: readonly string[]): Promise<{ username: string }> {
  await getCampaignRow(tx, campaignId);
  const [user] = await tx.select({ role: users.role, username: users.username }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('user.not_found', `Không có người dùng ${userId}`);
  if (user.role !== 'collector') throw new AppError('user.not_collector', `Chỉ phân công đơn vị cho điều tra viên; người dùng này có vai trò ${user.role}`);
  const known = unitIds.length
    ? await tx.select({ id: campaignUnits.id }).from(campaignUnits).where(and(eq(campaignUnits.campaignId, campaignId), inArray(campaignUnits.id, [...unitIds])))
    : [];
  if (known.length !== new Set(unitIds).size) throw new AppError('unit.not_found', 'Có đơn vị không thuộc đợt khảo sát này');
  await tx.delete(collectorAssignments).where(and(eq(collectorAssignments.campaignId, campaignId), eq(collectorAssignments.userId, userId)));
  if (known.length) await tx.insert(collectorAssignments).values(known.map((u) => ({ userId, campaignId, unitId: u.id })));
  return { username: user.username };
}

export interface CollectorAssignment {
  userId: string;
  username: string;
  displayName: string;
  unitIds: string[];
}

/** GET /api/campaigns/:id/collectors: who is assigned where (admin). */
export async function listCollectorAssignments(db: DbOrTx, campaignId: string): Promise<CollectorAssignment[]> {
  await getCampaignRow(db, campaignId);
  const rows = await db
    .select({ userId: users.id, username: users.username, displayName: users.displayName, unitId: collectorAssignments.unitId, unitCode: campaignUnits.code })
    .from(collectorAssignments)
    .innerJoin(users, eq(users.id, collectorAssignments.userId))
    .innerJoin(campaignUnits, eq(campaignUnits.id, collectorAssignments.unitId))
    .where(eq(collectorAssignments.campaignId, campaignId))
    .orderBy(asc(users.username), asc(campaignUnits.code));
  const byUser = new Map<string, CollectorAssignment>();
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? { userId: r.userId, username: r.username, displayName: r.displayName, unitIds: [] };
    entry.unitIds.push(r.unitId);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()];
}

/**
 * Hands a newer published version of one of the campaign's questionnaires to new
 * respondents. Older versions stay valid for sync: phones in the field may still hold them.
 */
export async function setCurrentQuestionnaireVersion(tx: Tx, campaignId: string, questionnaireId: string, version: number): Promise<{ questionnaireId: string; previousVersion: number; currentVersion: number }> {
  const row = await getCampaignRow(tx, campaignId);
  if (row.status === 'closed') throw new AppError('campaign.closed');
  const [ref] = await tx
    .select()
    .from(campaignQuestionnaires)
    .where(and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.questionnaireId, questionnaireId)))
    .for('update');
  if (!ref) throw new AppError('questionnaire.not_found', `Đợt khảo sát không dùng phiếu ${questionnaireId}`);
  if (version <= ref.currentVersion) {
    throw new AppError('campaign.invalid_transition', `Phiếu ${questionnaireId} đang dùng phiên bản ${ref.currentVersion}; chỉ chuyển sang phiên bản mới hơn`);
  }
  const [found] = await loadQuestionnaires(tx, [{ id: questionnaireId, version }]);
  if (!found) throw new AppError('questionnaire.not_found', `Phiếu ${questionnaireId} chưa công bố phiên bản ${version}`);
  // The new version must fill the same slot and fit the index exactly as the original did.
  const problems = checkFormFits(found, { groupCode: ref.groupCode, unitType: ref.unitType }, row.index);
  if (problems.length > 0) throw new AppError('definition.invalid', `Phiên bản ${version} không phù hợp với đợt khảo sát`, problems);
  await tx
    .update(campaignQuestionnaires)
    .set({ currentVersion: version })
    .where(and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.questionnaireId, questionnaireId)));
  return { questionnaireId, previousVersion: ref.currentVersion, currentVersion: version };
}
