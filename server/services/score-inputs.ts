import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { quotas, responseReviews } from '../../db/schema';
import { type ScoringInputs, scoringInputsFrom } from '../stats/scoring-inputs';
import { loadCampaignContext } from './campaign-context';

/** The scoring inputs of a campaign, read from the database (the pure part: stats/scoring-inputs.ts). */
export async function loadScoringInputs(db: DbOrTx, campaignId: string): Promise<ScoringInputs> {
  const ctx = await loadCampaignContext(db, campaignId); // throws campaign.not_found
  const quotaRows = await db.select().from(quotas).where(eq(quotas.campaignId, campaignId));
  const excludedRows = await db
    .select({ id: responseReviews.responseId })
    .from(responseReviews)
    .where(and(eq(responseReviews.campaignId, campaignId), eq(responseReviews.status, 'excluded')));
  return scoringInputsFrom({
    campaignId,
    // A draft without an index yet scores nothing: no criteria.
    index: ctx.campaign.index ?? { surveyShare: 0, fields: [] },
    missingPolicy: ctx.campaign.missingPolicy,
    units: ctx.units.map((u) => ({ id: u.id, code: u.code, name: u.name, type: u.type })),
    groups: [...ctx.groups].map(([code, g]) => ({ code, weight: g.weight, name: g.name })),
    quotas: quotaRows,
    versions: [...ctx.questionnaires.values()],
    excluded: excludedRows.map((r) => r.id),
  });
}
