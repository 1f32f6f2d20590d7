import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignGroups, campaignQuestionnaires } from '../../db/schema';
import { checkFormFits, type UnitType } from '../../survey-forms/src';
import { AppError } from '../errors';
import type { StaffUser } from '../plugins/auth';
import { recordAudit } from './audit';
import { lockCampaign, requireEditable } from './campaign-drafts';
import { loadQuestionnaires } from './questionnaires';

/**
 * The questionnaire of each group × unit type (docs/DATA-MODEL.md "campaign_questionnaires"):
 * the same group may answer one form about agencies and another about communes. A slot holds
 * one questionnaire, whose own group and unit type must be the slot's. Frozen once open;
 * moving an open campaign to a newer version of the same form is services/campaigns.ts.
 */
type Actor = Pick<StaffUser, 'id' | 'username'>;

export interface FormChoice {
  questionnaireId: string;
  version: number;
}

export async function chooseForm(db: DbOrTx, campaignId: string, groupCode: string, unitType: UnitType, choice: FormChoice, actor: Actor): Promise<void> {
  const row = await lockCampaign(db, campaignId);
  requireEditable(row, 'setup', 'phiếu của nhóm');
  const [group] = await db.select().from(campaignGroups).where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.code, groupCode)));
  if (!group) throw new AppError('group.not_found', `Đợt khảo sát không có nhóm "${groupCode}"`);
  const [q] = await loadQuestionnaires(db, [{ id: choice.questionnaireId, version: choice.version }]);
  if (!q) throw new AppError('questionnaire.not_found', `Chưa công bố phiếu ${choice.questionnaireId} phiên bản ${choice.version}`);
  const problems = checkFormFits(q, { groupCode, unitType }, row.index);
  if (problems.length > 0) throw new AppError('definition.invalid', `Phiếu ${q.id} không phù hợp với nhóm và loại đơn vị này`, problems);
  const where = and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.groupCode, groupCode), eq(campaignQuestionnaires.unitType, unitType));
  await db.delete(campaignQuestionnaires).where(where);
  // The same questionnaire id cannot fill two slots (its group and unit type are fixed), so this also moves nothing else.
  await db.delete(campaignQuestionnaires).where(and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.questionnaireId, q.id)));
  await db.insert(campaignQuestionnaires).values({ campaignId, questionnaireId: q.id, currentVersion: q.version, groupCode, unitType });
  await recordAudit(db, { actor, action: 'campaign.questionnaire.choose', target: `campaign:${campaignId}`, detail: { group: groupCode, unitType, questionnaire: q.id, version: q.version } });
}

export async function clearForm(db: DbOrTx, campaignId: string, groupCode: string, unitType: UnitType, actor: Actor): Promise<void> {
  requireEditable(await lockCampaign(db, campaignId), 'setup', 'phiếu của nhóm');
  const removed = await db
    .delete(campaignQuestionnaires)
    .where(and(eq(campaignQuestionnaires.campaignId, campaignId), eq(campaignQuestionnaires.groupCode, groupCode), eq(campaignQuestionnaires.unitType, unitType)))
    .returning({ q: campaignQuestionnaires.questionnaireId });
  if (removed.length === 0) throw new AppError('questionnaire.not_found', `Nhóm "${groupCode}" chưa có phiếu cho đơn vị loại ${unitType}`);
  await recordAudit(db, { actor, action: 'campaign.questionnaire.clear', target: `campaign:${campaignId}`, detail: { group: groupCode, unitType, questionnaire: removed[0]?.q ?? null } });
}
