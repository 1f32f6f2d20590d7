import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProgressView } from '../../../survey-forms/src';
import { campaignProgress } from '../../services/progress';
import { IdParams, ProblemSchema, staffErrors } from '../schemas';

/** GET /api/campaigns/:id/progress (docs/API.md §9 progress): daily fieldwork follow-up. */
const progressRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns/:id/progress',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags: ['progress'],
        summary: 'Tiến độ theo đơn vị và nhóm so với chỉ tiêu, theo ngày và theo điều tra viên (progress per unit and group against quota, per day and per collector)',
        params: IdParams,
        response: { 200: ProgressView, ...staffErrors, 429: ProblemSchema },
      },
    },
    async (request) => campaignProgress(app.db, request.params.id),
  );
};
export default progressRoutes;
