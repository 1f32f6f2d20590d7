import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { campaignUnits, invitations, spentInvitations } from '../../db/schema';
import type { GroupCode, InvitationInfo, Questionnaire, UnitView } from '../../survey-forms/src';
import { AppError } from '../errors';
import { type CampaignContext, loadCampaignContext, versionKey } from './campaign-context';
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
  used: boolean;
}

/**
 * The questionnaire an invitation hands out: the current version of the group's form whose
 * mode matches (own-unit forms for the unit's type when a unit is given, cross forms otherwise).
 */
export function questionnaireFor(ctx: CampaignContext, group: string, unit: UnitView | null): Questionnaire | null {
  const ids = [...ctx.currentVersions.keys()].sort();
  for (const id of ids) {
    const q = ctx.questionnaires.get(versionKey(id, ctx.currentVersions.get(id) ?? 0));
    if (!q || q.group !== group) continue;
    if (unit ? q.mode === 'own_unit' && q.unitType === unit.type : q.mode === 'cross') return q;
  }
  return null;
}

export interface IssueRequest {
  group: GroupCode;
  unitId?: string | undefined;
  count: number;
}

/**
 * Issues `count` codes. Own-unit forms need `unitId` (the code rates that unit only); cross
 * forms must not have one (the code rates every unit of the form's type).
 */
export async function issueInvitations(tx: Tx, pepper: string, campaignId: string, req: IssueRequest): Promise<string[]> {
  const ctx = await loadCampaignContext(tx, campaignId);
  if (ctx.campaign.status === 'closed') throw new AppError('campaign.closed');
  if (!ctx.groups.has(req.group)) {
    throw new AppError('validation.failed', `Nhóm ${req.group} không thuộc đợt khảo sát`, [{ path: 'body.group', message: 'không thuộc đợt khảo sát' }]);
  }
  const unit = req.unitId ? ctx.unitById.get(req.unitId) : null;
  if (req.unitId && !unit) throw new AppError('unit.not_found', `Đơn vị ${req.unitId} không thuộc đợt khảo sát`);
  if (!questionnaireFor(ctx, req.group, unit ?? null)) {
    const hasOwn = [...ctx.questionnaires.values()].some((q) => q.group === req.group && q.mode === 'own_unit');
    const message = unit ? `Nhóm ${req.group} không có phiếu tự đánh giá cho đơn vị loại ${unit.type}` : hasOwn ? 'Phiếu của nhóm này đánh giá một đơn vị: cần unitId' : `Nhóm ${req.group} không có phiếu`;
    throw new AppError('validation.failed', message, [{ path: 'body.unitId', message }]);
  }
  const codes = Array.from({ length: req.count }, generateCode);
  for (let i = 0; i < codes.length; i += 1000) {
    await tx.insert(invitations).values(
      codes.slice(i, i + 1000).map((code) => ({ campaignId, groupCode: req.group, unitId: unit?.id ?? null, codeHash: hashCode(code, pepper) })),
    );
  }
  return codes.map(formatCode);
}

/** The invitation behind a typed code, or null when the code is malformed or unknown. */
export async function findInvitation(db: Db, pepper: string, typed: string): Promise<InvitationRow | null> {
  const code = normalizeCode(typed);
  if (!code) return null;
  // Used: folded into the flag once the campaign closed, or spent while it is open (docs/PRIVACY.md).
  const [row] = await db
    .select({
      id: invitations.id,
      campaignId: invitations.campaignId,
      groupCode: invitations.groupCode,
      unitId: invitations.unitId,
      used: sql<boolean>`${invitations.used} or ${spentInvitations.invitationId} is not null`,
    })
    .from(invitations)
    .leftJoin(spentInvitations, eq(spentInvitations.invitationId, invitations.id))
    .where(eq(invitations.codeHash, hashCode(code, pepper)));
  return row ?? null;
}

/** The units a respondent with this invitation rates: its unit, or every unit of the cross form's type. */
export function invitationUnits(ctx: CampaignContext, q: Questionnaire, inv: Pick<InvitationRow, 'unitId'>): UnitView[] {
  if (inv.unitId) return ctx.units.filter((u) => u.id === inv.unitId);
  return ctx.units.filter((u) => u.type === q.unitType);
}

/** GET /api/invitations/:code: 404 unknown, 410 used, else what the respondent needs and nothing about them. */
export async function invitationInfo(db: Db, pepper: string, typed: string): Promise<InvitationInfo> {
  const inv = await findInvitation(db, pepper, typed);
  if (!inv) throw new AppError('invitation.not_found');
  if (inv.used) throw new AppError('invitation.used');
  const ctx = await loadCampaignContext(db, inv.campaignId);
  if (ctx.campaign.status === 'closed') throw new AppError('campaign.closed');
  const unit = inv.unitId ? (ctx.unitById.get(inv.unitId) ?? null) : null;
  const q = questionnaireFor(ctx, inv.groupCode, unit);
  if (!q) throw new AppError('invitation.not_found', 'Phiếu của mã mời này không còn trong đợt khảo sát');
  const group = ctx.groups.get(inv.groupCode as GroupCode);
  return {
    campaignId: ctx.campaign.id,
    campaignName: ctx.campaign.name,
    organizer: ctx.campaign.organizer,
    closesAt: ctx.campaign.closesAt.toISOString(),
    group: inv.groupCode as GroupCode,
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
export async function slipsFor(db: Db, pepper: string, campaignId: string, typedCodes: readonly string[]): Promise<SlipData[]> {
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
    return { code: formatCode(code), unitName: row.unitName, groupName: ctx.groups.get(row.groupCode as GroupCode)?.name ?? row.groupCode };
  });
}
