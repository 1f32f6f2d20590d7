import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignGroups, campaignQuestionnaires, type campaigns } from '../../db/schema';
import type { GroupCode, Questionnaire, UnitView } from '../../survey-forms/src';
import { getCampaignRow, listUnits } from './campaigns';
import { loadAllVersions } from './questionnaires';

/**
 * Everything about one campaign that sync and scoring read, in one object: the row, its
 * frozen units, groups with weights, and every published version of its questionnaires
 * (a response is always read against the exact version it names).
 */
export interface CampaignContext {
  campaign: typeof campaigns.$inferSelect;
  units: UnitView[];
  unitById: Map<string, UnitView>;
  groups: Map<GroupCode, { name: string; weight: number }>;
  /** Keyed by `${questionnaireId}@${version}`. */
  questionnaires: Map<string, Questionnaire>;
  /** The version handed to new respondents, per questionnaire id. */
  currentVersions: Map<string, number>;
  /** The questionnaire id of each group × unit type, keyed by `slotKey(group, unitType)`. */
  forms: Map<string, string>;
}

export const slotKey = (group: string, unitType: string): string => `${group}/${unitType}`;

export const versionKey = (id: string, version: number): string => `${id}@${version}`;

export async function loadCampaignContext(db: DbOrTx, campaignId: string): Promise<CampaignContext> {
  const campaign = await getCampaignRow(db, campaignId);
  const [units, groups, refs] = await Promise.all([
    listUnits(db, campaignId),
    db.select().from(campaignGroups).where(eq(campaignGroups.campaignId, campaignId)),
    db.select().from(campaignQuestionnaires).where(eq(campaignQuestionnaires.campaignId, campaignId)),
  ]);
  const versions = await loadAllVersions(db, refs.map((r) => r.questionnaireId));
  return {
    campaign,
    units,
    unitById: new Map(units.map((u) => [u.id, u])),
    groups: new Map(groups.map((g) => [g.code, { name: g.name, weight: g.weight }])),
    questionnaires: new Map(versions.map((q) => [versionKey(q.id, q.version), q])),
    currentVersions: new Map(refs.map((r) => [r.questionnaireId, r.currentVersion])),
    forms: new Map(refs.map((r) => [slotKey(r.groupCode, r.unitType), r.questionnaireId])),
  };
}
