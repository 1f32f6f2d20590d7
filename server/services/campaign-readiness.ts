import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { campaignGroups, campaignQuestionnaires, type campaigns, quotas } from '../../db/schema';
import { checkReadiness, type ReadinessProblem } from '../../survey-forms/src';
import { AppError } from '../errors';
import { listUnits } from './campaigns';
import { loadQuestionnaires } from './questionnaires';

/**
 * The check before a campaign opens (docs/API.md "Opening a campaign"): the rules are the
 * pure `checkReadiness` of survey-forms; this loads what they read.
 */
export async function readinessProblems(db: DbOrTx, row: typeof campaigns.$inferSelect, now: Date): Promise<ReadinessProblem[]> {
  const [units, groups, forms, quotaRows] = await Promise.all([
    listUnits(db, row.id),
    db.select().from(campaignGroups).where(eq(campaignGroups.campaignId, row.id)),
    db.select().from(campaignQuestionnaires).where(eq(campaignQuestionnaires.campaignId, row.id)),
    db.select().from(quotas).where(eq(quotas.campaignId, row.id)),
  ]);
  const found = await loadQuestionnaires(db, forms.map((f) => ({ id: f.questionnaireId, version: f.currentVersion })));
  return checkReadiness(
    {
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      index: row.index,
      units,
      groups,
      forms: forms.map((f) => ({ ...f, version: f.currentVersion, questionnaire: found.find((q) => q.id === f.questionnaireId && q.version === f.currentVersion) ?? null })),
      quotas: quotaRows,
    },
    now,
  );
}

/** 422 campaign.incomplete with every problem, or nothing. */
export async function assertReadyToOpen(db: DbOrTx, row: typeof campaigns.$inferSelect, now: Date): Promise<void> {
  const problems = await readinessProblems(db, row, now);
  if (problems.length > 0) {
    throw new AppError('campaign.incomplete', `Chưa mở được đợt khảo sát: còn ${problems.length} vấn đề cần sửa`, problems);
  }
}
