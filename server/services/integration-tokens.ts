import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { integrationTokens } from '../../db/schema';
import type { IntegrationTokenView, IssuedIntegrationToken } from '../../survey-forms/src';
import type { StaffUser } from '../plugins/auth';
import { AppError } from '../errors';
import { recordAudit } from './audit';
import { getCampaignRow } from './campaigns';
import { newOpaqueToken, tokenHash } from './opaque-token';

/**
 * Read-only integration tokens (docs/API.md §10 "Integration tokens"): 32 random bytes, shown
 * once; only their SHA-256 is stored (a plain hash suffices for 256 random bits, unlike a
 * password). They open a campaign's published scores and nothing else.
 */
export const INTEGRATION_TOKEN_PREFIX = 'pit_';

type Row = typeof integrationTokens.$inferSelect;
const view = (r: Row): IntegrationTokenView => ({
  id: r.id,
  label: r.label,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdByName,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export async function issueIntegrationToken(tx: DbOrTx, campaignId: string, label: string, actor: StaffUser, now: Date): Promise<IssuedIntegrationToken> {
  await getCampaignRow(tx, campaignId); // campaign.not_found
  const token = `${INTEGRATION_TOKEN_PREFIX}${newOpaqueToken()}`;
  const [row] = await tx
    .insert(integrationTokens)
    .values({ campaignId, label, tokenHash: tokenHash(token), createdAt: now, createdByName: actor.username })
    .returning();
  if (!row) throw new AppError('server.internal');
  await recordAudit(tx, { actor, action: 'integration_token.issue', target: `integration_token:${row.id}`, detail: { campaignId, label } });
  return { ...view(row), token };
}

export async function listIntegrationTokens(db: DbOrTx, campaignId: string): Promise<IntegrationTokenView[]> {
  await getCampaignRow(db, campaignId); // campaign.not_found
  const rows = await db.select().from(integrationTokens).where(eq(integrationTokens.campaignId, campaignId)).orderBy(asc(integrationTokens.createdAt), asc(integrationTokens.id));
  return rows.map(view);
}

export async function revokeIntegrationToken(tx: DbOrTx, campaignId: string, tokenId: string, actor: StaffUser, now: Date): Promise<IntegrationTokenView> {
  const [row] = await tx
    .update(integrationTokens)
    .set({ revokedAt: now })
    .where(and(eq(integrationTokens.id, tokenId), eq(integrationTokens.campaignId, campaignId), isNull(integrationTokens.revokedAt)))
    .returning();
  if (!row) {
    const [existing] = await tx.select().from(integrationTokens).where(and(eq(integrationTokens.id, tokenId), eq(integrationTokens.campaignId, campaignId)));
    if (!existing) throw new AppError('integration_token.not_found');
    return view(existing); // already revoked: nothing to do
  }
  await recordAudit(tx, { actor, action: 'integration_token.revoke', target: `integration_token:${row.id}`, detail: { campaignId, label: row.label } });
  return view(row);
}

/** True when `token` is a live integration token of this campaign. */
export async function integrationTokenAdmits(db: DbOrTx, campaignId: string, token: string): Promise<boolean> {
  if (!token.startsWith(INTEGRATION_TOKEN_PREFIX) || token.length > 100) return false;
  const [row] = await db
    .select({ id: integrationTokens.id })
    .from(integrationTokens)
    .where(and(eq(integrationTokens.tokenHash, tokenHash(token)), eq(integrationTokens.campaignId, campaignId), isNull(integrationTokens.revokedAt)));
  return row !== undefined;
}
