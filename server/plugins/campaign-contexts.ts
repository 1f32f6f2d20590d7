import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { CampaignContextCache } from '../services/sync-context-cache';

declare module 'fastify' {
  interface FastifyInstance {
    /** Campaign contexts for sync, cached briefly (services/sync-context-cache.ts); one per app. */
    campaignContexts: CampaignContextCache;
  }
}

async function campaignContextsPlugin(app: FastifyInstance): Promise<void> {
  app.decorate('campaignContexts', new CampaignContextCache());
  app.addHook('onClose', async () => app.campaignContexts.clear());
}

export default fp(campaignContextsPlugin, { name: 'campaign-contexts', dependencies: ['db'] });
