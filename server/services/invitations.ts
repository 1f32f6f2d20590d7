import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { campaignUnits, invitationBatches, invitations, spentInvitations } from '../../db/schema';
import { type GroupCode, type InvitationInfo, type Questionnaire, UNIT_TYPES, type UnitType, type UnitView } from '../../survey-forms/src';
import { AppError } from '../errors';
import { type CampaignContext, loadCampaignContext, slotKey, versionKey } from './campaign-context';
import { formatCode, generateCode, hashCode, normalizeCode } from './invitation-codes';

/**
 * Invitations (docs/API.md §7 invitations): one code lets one respondent answer once. A code is
 * for a campaign and group, and for own-unit forms also for the one unit rated; it is
 * stored hashed and shown once. Consumption happens in services/ballot-box.ts, in the
 * transaction that holds the ballot.
 */
export const MAX_CODES_PER_REQUEST = 5000;

export interface InvitationRow {
  id: string;
  campaignId: string;
  groupCode: string;
  unitId: string | null;
  unitType: UnitType | null;
  used: boolean;
}

/**
 * The questionnaire an invitation hands out: the current version of the campaign's form for
 * the group and the unit type rated (docs/DATA-MODEL.md "campaign_questionnaires").
 */
function questionnaireFor(ctx: CampaignContext, group: string, unitType: UnitType): Questionnaire | null {
  const id = ctx.forms.get(slotKey(group, unitType));
  return id === undefined ? null : (ctx.questionnaires.get(versionKey(id, ctx.currentVersions.get(id) ?? 0)) ?? null);
}

/** The unit type an invitation rates: its unit's, its own, or (codes issued before forms were per type) its group's only cross form's. */
function invitationUnitType(ctx: CampaignContext, inv: Pick<InvitationRow, 'groupCode' | 'unitId' | 'unitType'>): UnitType | null {
  if (inv.unitId) return ctx.unitById.get(inv.unitId)?.type ?? null;
  if (inv.unitType) return inv.unitType;
  const cross = UNIT_TYPES.filter((t) => questionnaireFor(ctx, inv.groupCode, t)?.mode === 'cross');
  return cross.length === 1 ? (cross[0] ?? null) : null;
}

export interface IssueRequest {
  group: GroupCode;
  unitId?: string | undefined;
  /** For cross-evaluation forms: the type of units rated; may be left out when the group has one cross form. */
  unitType?: UnitType | undefined;
  count: number;
}

/** Who issues a batch (a staff member, or null for the system, e.g. the demo loader). */
export type Issuer = { id: string; username: string } | null;

export interface IssuedBatch {
  batchId: string;
  codes: string[];
  /** The unit's code, for the audit log (null for cross forms). */
  unitCode: string | null;
}

/**
 * Issues `count` codes as one batch. Own-unit forms need `unitId` (the code rates that unit
 * only); cross forms must not have one (the code rates every unit of the form's type).
 * Runs in the caller's transaction, so the audit entry is written with it (routes decide).
 */
export async function issueBatch(tx: Tx, pepper: string, campaignId: string, req: IssueRequest, by: Issuer): Promise<IssuedBatch> {
  const ctx = await loadCampaignContext(tx, campaignId);
  if (ctx.campaign.status === 'closed') throw new AppError('campaign.closed');
  if (!ctx.groups.has(req.group)) {
    throw new AppError('validation.failed', `Nhóm ${req.group} không thuộc đợt khảo sát`, [{ path: 'body.group', message: 'không thuộc đợt khảo sát' }]);
  }
  const unit = req.unitId ? ctx.unitById.get(req.unitId) : null;
  if (req.unitId && !unit) throw new AppError('unit.not_found', `Đơn vị ${req.unitId} không thuộc đợt khảo sát`);
  const unitType = unit ? unit.type : (req.unitType ?? invitationUnitType(ctx, { groupCode: req.group, unitId: null, unitType: null }));
  const form = unitType ? questionnaireFor(ctx, req.group, unitType) : null;
  const refuse = (path: string, message: string): never => {
    throw new AppError('validation.failed', message, [{ path, message }]);
  };
  if (!unitType) refuse('body.unitId', `Nhóm ${req.group}: chọn đơn vị được đánh giá (unitId) cho phiếu tự đánh giá, hoặc loại đơn vị (unitType) cho phiếu đánh giá chéo`);
  if (!form) refuse(unit ? 'body.unitId' : 'body.unitType', `Nhóm ${req.group} chưa có phiếu cho đơn vị loại ${unitType}`);
  if (form?.mode === 'own_unit' && !unit) refuse('body.unitId', 'Phiếu của nhóm này đánh giá một đơn vị: chọn đơn vị (unitId)');
  if (form?.mode === 'cross' && unit) refuse('body.unitId', 'Phiếu của nhóm này là phiếu đánh giá chéo (mọi đơn vị cùng loại): không chọn đơn vị');
  const [batch] = await tx
    .insert(invitationBatches)
    .values({ campaignId, groupCode: req.group, unitId: unit?.id ?? null, count: req.count, issuedBy: by?.id ?? null, issuedByName: by?.username ?? 'system' })
    .returning({ id: invitationBatches.id });
  if (!batch) throw new Error('batch insert returned no row');
  const codes = Array.from({ length: req.count }, generateCode);
  for (let i = 0; i < codes.length; i += 1000) {
    await tx.insert(invitations).values(
      codes.slice(i, i + 1000).map((code) => ({ campaignId, groupCode: req.group, unitId: unit?.id ?? null, unitType, batchId: batch.id, codeHash: hashCode(code, pepper) })),
    );
  }
  return { batchId: batch.id, codes: codes.map(formatCode), unitCode: unit?.code ?? null };
}

/** Issues one batch inside the caller's transaction, unaudited: for the demo loader and tests. */
export async function issueInvitations(tx: Tx, pepper: string, campaignId: string, req: IssueRequest): Promise<string[]> {
  const issued = await issueBatch(tx, pepper, campaignId, req, null);
  return issued.codes;
}

/** The invitation behind a typed code, or null when the code is malformed or unknown. */
export async function findInvitation(db: DbOrTx, pepper: string, typed: string): Promise<InvitationRow | null> {
  const code = normalizeCode(typed);
  if (!code) return null;
  // Used: folded into the flag once the campaign closed, or spent while it is open (docs/PRIVACY.md).
  const [row] = await db
    .select({
      id: invitations.id,
      campaignId: invitations.campaignId,
      groupCode: invitations.groupCode,
      unitId: invitations.unitId,
      unitType: invitations.unitType,
      used: sql<boolean>`${invitations.used} or ${spentInvitations.invitationId} is not null`,
    })
    .from(invitations)
    .leftJoin(spentInvitations, eq(spentInvitations.invitationId, invitations.id))
    .where(eq(invitations.codeHash, hashCode(code, pepper)));
  return row ?? null;
}

/** The units a respondent with this invitation rates: its unit, or every unit of the cross form's type. */
function invitationUnits(ctx: CampaignContext, q: Questionnaire, inv: Pick<InvitationRow, 'unitId'>): UnitView[] {
  if (inv.unitId) return ctx.units.filter((u) => u.id === inv.unitId);
  return ctx.units.filter((u) => u.type === q.unitType);
}

/** GET /api/invitations/:code: 404 unknown, 410 used, else what the respondent needs and nothing about them. */
export async function invitationInfo(db: DbOrTx, pepper: string, typed: string): Promise<InvitationInfo> {
  const inv = await findInvitation(db, pepper, typed);
  if (!inv) throw new AppError('invitation.not_found');
  if (inv.used) throw new AppError('invitation.used');
  const ctx = await loadCampaignContext(db, inv.campaignId);
  // Closing refuses responses completed from now on, so for a respondent the survey is over.
  if (ctx.campaign.status === 'closed' || ctx.campaign.status === 'closing') {
    throw new AppError('invitation.campaign_closed', `Đợt khảo sát "${ctx.campaign.name}" đã kết thúc, không nhận thêm phiếu trả lời. Xin cảm ơn ông/bà đã quan tâm.`);
  }
  const unitType = invitationUnitType(ctx, inv);
  const q = unitType ? questionnaireFor(ctx, inv.groupCode, unitType) : null;
  if (!q) throw new AppError('invitation.not_found', 'Phiếu của mã mời này không còn trong đợt khảo sát');
  const group = ctx.groups.get(inv.groupCode);
  return {
    campaignId: ctx.campaign.id,
    campaignName: ctx.campaign.name,
    organizer: ctx.campaign.organizer,
    closesAt: ctx.campaign.closesAt.toISOString(),
    group: inv.groupCode,
    groupName: group?.name ?? inv.groupCode,
    questionnaire: q,
    units: invitationUnits(ctx, q, inv),
  };
}

export interface SlipData {
  code: string;
  unitName: string | null;
  groupName: string;
}

/** Checks that every code belongs to the campaign and returns what each slip prints. */
export async function slipsFor(db: DbOrTx, pepper: string, campaignId: string, typedCodes: readonly string[]): Promise<SlipData[]> {
  const normalized = typedCodes.map((c) => normalizeCode(c));
  const bad = normalized.findIndex((c) => c === null);
  if (bad >= 0) throw new AppError('validation.failed', 'Mã mời không đúng định dạng', [{ path: `body.codes.${bad}`, message: 'không đúng định dạng' }]);
  const codes = normalized as string[];
  const hashes = codes.map((c) => hashCode(c, pepper));
  const rows = await db
    .select({ codeHash: invitations.codeHash, groupCode: invitations.groupCode, unitName: campaignUnits.name })
    .from(invitations)
    .leftJoin(campaignUnits, eq(campaignUnits.id, invitations.unitId))
    .where(and(eq(invitations.campaignId, campaignId), inArray(invitations.codeHash, [...new Set(hashes)])));
  const byHash = new Map(rows.map((r) => [r.codeHash, r]));
  const ctx = await loadCampaignContext(db, campaignId);
  return codes.map((code, i) => {
    const row = byHash.get(hashes[i] as string);
    if (!row) throw new AppError('invitation.not_found', `Mã ${formatCode(code)} không thuộc đợt khảo sát này`, [{ path: `body.codes.${i}`, message: 'không thuộc đợt khảo sát' }]);
    return { code: formatCode(code), unitName: row.unitName, groupName: ctx.groups.get(row.groupCode)?.name ?? row.groupCode };
  });
}
