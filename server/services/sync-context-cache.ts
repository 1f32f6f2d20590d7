import type { Db } from '../../db/client';
import { AppError } from '../errors';
import { type CampaignContext, loadCampaignContext } from './campaign-context';

/**
 * Campaign contexts for sync, cached briefly: loading units and every questionnaire version
 * for each batch would dominate ingest. Safe to cache because units are frozen, published
 * versions are immutable, and the campaign status that decides acceptance is re-read inside
 * the storing transaction (services/sync-store.ts). A version missing from a cached context
 * triggers one fresh load, so a just-published version is accepted at once. One cache per
 * app, for the app's database: the `campaignContexts` decorator (plugins/campaign-contexts.ts).
 */
const TTL_MS = 30_000;

export class CampaignContextCache {
  private readonly entries = new Map<string, { ctx: CampaignContext; at: number }>();

  /** The context, or null when the campaign does not exist; `fresh` skips the cache. */
  async get(db: Db, campaignId: string, fresh = false): Promise<CampaignContext | null> {
    const hit = this.entries.get(campaignId);
    if (hit && !fresh && Date.now() - hit.at < TTL_MS) return hit.ctx;
    try {
      const ctx = await loadCampaignContext(db, campaignId);
      this.entries.set(campaignId, { ctx, at: Date.now() });
      return ctx;
    } catch (err) {
      if (err instanceof AppError && err.code === 'campaign.not_found') return null;
      throw err;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
