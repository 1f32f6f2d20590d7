import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../schemas';

/**
 * GET /api/metrics: the Prometheus text format, for staff only (admin or analyst token), so
 * a scraper needs a token of its own; METRICS_PORT serves the same text without a token on a
 * separate, private port instead (server/metrics-server.ts, docs/OPERATIONS.md).
 */
const metricsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/metrics',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags: ['system'],
        summary: 'Metrics in the Prometheus text format (staff only)',
        security: [{ bearer: [] }],
        response: { 200: z.string(), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (_request, reply) => {
      void reply.type('text/plain; version=0.0.4; charset=utf-8');
      return app.metrics.render();
    },
  );
};
export default metricsRoutes;
