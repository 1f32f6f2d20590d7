import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignProgress } from '../../services/progress';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';

const Count = z.object({ quota: z.number().int(), responses: z.number().int() });

export const ProgressSchema = z
  .object({
    campaignId: z.uuid(),
    units: z.array(z.object({ unitId: z.uuid(), code: z.string(), name: z.string(), group: z.string(), quota: z.number().int(), responses: z.number().int() })),
    totals: Count,
    groups: z.array(Count.extend({ group: z.string() })),
  })
  .meta({ id: 'Progress', description: 'Responses per unit and group against quota; a cross-evaluation response counts for every unit it rates' });

/** GET /api/campaigns/:id/progress (docs/API.md §9 progress): daily fieldwork follow-up. */
const progressRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns/:id/progress',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags: ['progress'],
        summary: 'Responses per unit and group against quota',
        params: IdParams,
        response: { 200: ProgressSchema, ...staffErrors, 429: ProblemSchema },
      },
    },
    async (request) => campaignProgress(app.db, request.params.id),
  );
};
export default progressRoutes;
