import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignGroups, campaignQuestionnaires, quotas } from '../../db/schema';
import type { GroupView } from '../../survey-forms/src';
import { AppError } from '../errors';
import type { StaffUser } from '../plugins/auth';
import { recordAudit } from './audit';
import { lockCampaign, requireEditable } from './campaign-drafts';

/**
 * Respondent groups of a draft campaign (docs/DOMAIN.md §1: the five defaults, plus whatever the
 * province surveys). Groups weigh in every score, so they freeze when the campaign opens.
 */
type Actor = Pick<StaffUser, 'id' | 'username'>;

async function findGroup(db: DbOrTx, campaignId: string, code: string) {
  const [row] = await db.select().from(campaignGroups).where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.code, code)));
  return row;
}

export async function addGroup(db: DbOrTx, campaignId: string, group: GroupView, actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'setup', 'nhóm đối tượng');
  if (await findGroup(db, campaignId, group.code)) throw new AppError('group.exists', `Đợt khảo sát đã có nhóm mã "${group.code}"`);
  await db.insert(campaignGroups).values({ campaignId, ...group });
  await recordAudit(db, { actor, action: 'campaign.group.add', target: `campaign:${campaignId}`, detail: { group: group.code, name: group.name, weight: group.weight } });
}

/**
 * Edits a group; a new code renames it and its quotas follow. A group whose questionnaire is
 * chosen keeps its code: the questionnaire names the group it was written for.
 */
export async function editGroup(db: DbOrTx, campaignId: string, code: string, group: GroupView, actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'setup', 'nhóm đối tượng');
  if (!(await findGroup(db, campaignId, code))) throw new AppError('group.not_found', `Đợt khảo sát không có nhóm "${code}"`);
  if (group.code !== code) {
    if (await findGroup(db, campaignId, group.code)) throw new AppError('group.exists', `Đợt khảo sát đã có nhóm mã "${group.code}"`);
    const forms = await db.select().from(campaignQuestionnaires).where(and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.groupCode, code)));
    if (forms.length > 0) {
      throw new AppError('campaign.frozen', `Nhóm "${code}" đã được chọn phiếu (${forms.map((f) => f.questionnaireId).join(', ')}); bỏ chọn phiếu trước khi đổi mã nhóm.`);
    }
    await db.update(quotas).set({ groupCode: group.code }).where(and(eq(quotas.campaignId, campaignId), eq(quotas.groupCode, code)));
  }
  await db
    .update(campaignGroups)
    .set({ code: group.code, name: group.name, weight: group.weight })
    .where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.code, code)));
  await recordAudit(db, { actor, action: 'campaign.group.edit', target: `campaign:${campaignId}`, detail: { group: code, code: group.code, name: group.name, weight: group.weight } });
}

/** Removes a group from a draft, with its quotas and questionnaire choices (nothing has been collected yet). */
export async function removeGroup(db: DbOrTx, campaignId: string, code: string, actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'setup', 'nhóm đối tượng');
  if (!(await findGroup(db, campaignId, code))) throw new AppError('group.not_found', `Đợt khảo sát không có nhóm "${code}"`);
  const removedQuotas = await db.delete(quotas).where(and(eq(quotas.campaignId, campaignId), eq(quotas.groupCode, code))).returning({ u: quotas.unitId });
  const removedForms = await db
    .delete(campaignQuestionnaires)
    .where(and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.groupCode, code)))
    .returning({ q: campaignQuestionnaires.questionnaireId });
  await db.delete(campaignGroups).where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.code, code)));
  await recordAudit(db, {
    actor,
    action: 'campaign.group.remove',
    target: `campaign:${campaignId}`,
    detail: { group: code, quotas: removedQuotas.length, questionnaires: removedForms.length },
  });
}
