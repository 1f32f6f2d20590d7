import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignGroups, campaignQuestionnaires, campaigns, campaignUnits, quotas } from '../../db/schema';
import { type CampaignCopy, type CampaignDraft, type CampaignPatch, DEFAULT_GROUPS } from '../../survey-forms/src';
import { AppError } from '../errors';
import type { StaffUser } from '../plugins/auth';
import { recordAudit } from './audit';
import { getCampaignRow } from './campaigns';

/**
 * A campaign built in parts (docs/API.md "Campaign set-up"): a blank draft with the five
 * default groups, or a copy of an earlier campaign, then edited step by step. Every function
 * takes the caller's transaction and records its audit entry in it.
 */
type CampaignRow = typeof campaigns.$inferSelect;
type Actor = Pick<StaffUser, 'id' | 'username'>;

/**
 * What may change when. The unit list, index, groups and questionnaires freeze when the
 * campaign opens (responses are being collected against them); quotas and dates stay
 * editable while it is open; nothing changes once it is closing or closed.
 */
export function requireEditable(row: CampaignRow, part: 'setup' | 'fieldwork', what: string): void {
  if (row.status === 'draft') return;
  if (part === 'fieldwork' && row.status === 'open') return;
  const why = row.status === 'open' ? 'đợt khảo sát đã mở' : 'đợt khảo sát đang đóng hoặc đã đóng';
  throw new AppError('campaign.frozen', `Không sửa được ${what}: ${why}.`);
}

/** Reads the campaign row locked for update: set-up steps of two admins never interleave. */
export async function lockCampaign(db: DbOrTx, id: string): Promise<CampaignRow> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
  if (!row) throw new AppError('campaign.not_found', `Không có đợt khảo sát ${id}`);
  return row;
}

export async function createDraft(db: DbOrTx, input: CampaignDraft, actor: Actor): Promise<string> {
  const id = randomUUID();
  await db.insert(campaigns).values({
    id,
    name: input.name,
    year: input.year,
    organizer: input.organizer,
    status: 'draft',
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    missingPolicy: 'rescale',
    index: null,
    definition: null,
  });
  await db.insert(campaignGroups).values(DEFAULT_GROUPS.map((g) => ({ campaignId: id, code: g.code, name: g.name, weight: g.weight })));
  await recordAudit(db, { actor, action: 'campaign.create', target: `campaign:${id}`, detail: { name: input.name, year: input.year, from: 'draft' } });
  return id;
}

/** A new draft with the earlier campaign's lists; unit ids are new, parents and quotas follow them. */
export async function copyCampaign(db: DbOrTx, input: CampaignCopy, actor: Actor): Promise<{ id: string; unitIds: Record<string, string> }> {
  const source = await getCampaignRow(db, input.copyFrom);
  const id = randomUUID();
  await db.insert(campaigns).values({
    id,
    name: input.name,
    year: input.year,
    organizer: input.organizer ?? source.organizer,
    status: 'draft',
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    missingPolicy: source.missingPolicy,
    index: source.index,
    definition: null,
  });
  const units = await db.select().from(campaignUnits).where(eq(campaignUnits.campaignId, source.id));
  const newId = new Map(units.map((u) => [u.id, randomUUID()]));
  for (let i = 0; i < units.length; i += 1000) {
    await db.insert(campaignUnits).values(
      units.slice(i, i + 1000).map((u) => ({
        id: newId.get(u.id) as string,
        campaignId: id,
        code: u.code,
        name: u.name,
        type: u.type,
        parentId: u.parentId ? (newId.get(u.parentId) ?? null) : null,
      })),
    );
  }
  const groups = await db.select().from(campaignGroups).where(eq(campaignGroups.campaignId, source.id));
  if (groups.length) await db.insert(campaignGroups).values(groups.map((g) => ({ ...g, campaignId: id })));
  const forms = await db.select().from(campaignQuestionnaires).where(eq(campaignQuestionnaires.campaignId, source.id));
  if (forms.length) await db.insert(campaignQuestionnaires).values(forms.map((f) => ({ ...f, campaignId: id })));
  const quotaRows = await db.select().from(quotas).where(eq(quotas.campaignId, source.id));
  for (let i = 0; i < quotaRows.length; i += 1000) {
    await db.insert(quotas).values(quotaRows.slice(i, i + 1000).map((q) => ({ ...q, campaignId: id, unitId: newId.get(q.unitId) as string })));
  }
  await recordAudit(db, {
    actor,
    action: 'campaign.create',
    target: `campaign:${id}`,
    detail: { name: input.name, year: input.year, from: 'copy', copyFrom: source.id, units: units.length, quotas: quotaRows.length },
  });
  return { id, unitIds: Object.fromEntries(units.map((u) => [u.code, newId.get(u.id) as string])) };
}

/** General information. Dates are fieldwork (editable while open); name, year, organizer and missing policy are set-up. */
export async function patchCampaign(db: DbOrTx, id: string, patch: CampaignPatch, actor: Actor): Promise<void> {
  const row = await lockCampaign(db, id);
  const setup = (['name', 'year', 'organizer', 'missingPolicy'] as const).filter((k) => patch[k] !== undefined && patch[k] !== row[k]);
  if (setup.length > 0) requireEditable(row, 'setup', 'tên, năm, đơn vị tổ chức hoặc cách tính tiêu chí thiếu');
  const opensAt = patch.opensAt ? new Date(patch.opensAt) : row.opensAt;
  const closesAt = patch.closesAt ? new Date(patch.closesAt) : row.closesAt;
  if (patch.opensAt || patch.closesAt) requireEditable(row, 'fieldwork', 'ngày bắt đầu, ngày kết thúc');
  if (closesAt <= opensAt) {
    throw new AppError('validation.failed', 'Ngày kết thúc phải sau ngày bắt đầu', [{ path: 'body.closesAt', message: 'Ngày kết thúc phải sau ngày bắt đầu' }]);
  }
  await db
    .update(campaigns)
    .set({ ...Object.fromEntries(setup.map((k) => [k, patch[k]])), opensAt, closesAt })
    .where(eq(campaigns.id, id));
  const changed = [...setup, ...(['opensAt', 'closesAt'] as const).filter((k) => patch[k] !== undefined)];
  await recordAudit(db, { actor, action: 'campaign.update', target: `campaign:${id}`, detail: { fields: changed.join(',') } });
}
