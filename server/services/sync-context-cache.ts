import type { Db } from '../../db/client';
import { AppError } from '../errors';
import { type CampaignContext, loadCampaignContext } from './campaign-context';

/**
 * Campaign contexts for sync, cached briefly per database: loading units and every
 * questionnaire version for each batch would dominate ingest. Safe to cache because units
 * are frozen, published versions are immutable, and the campaign status that decides
 * acceptance is re-read inside the storing transaction (services/sync-store.ts). A version
 * missing from a cached context triggers one fresh load, so a just-published version is
 * accepted at once.
 */
const TTL_MS = 30_000;
const caches = new WeakMap<object, Map<string, { ctx: CampaignContext; at: number }>>();

function cacheOf(db: Db): Map<string, { ctx: CampaignContext; at: number }> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/** The context, or null when the campaign does not exist. */
export async function cachedCampaignContext(db: Db, campaignId: string, fresh = false): Promise<CampaignContext | null> {
  const cache = cacheOf(db);
  const hit = cache.get(campaignId);
  if (hit && !fresh && Date.now() - hit.at < TTL_MS) return hit.ctx;
  try {
    const ctx = await loadCampaignContext(db, campaignId);
    cache.set(campaignId, { ctx, at: Date.now() });
    return ctx;
  } catch (err) {
    if (err instanceof AppError && err.code === 'campaign.not_found') return null;
    throw err;
  }
}
