import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../services/audit';
import { ProblemSchema } from '../schemas';

const AuditView = z
  .object({
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    target: z.string().meta({ description: 'What was acted on, as kind:id (user:, campaign:, unit:, questionnaire:id@version)' }),
    targetName: z.string().nullable().meta({ description: 'The target as people know it now (campaign name, account, unit, questionnaire title); null if it no longer exists' }),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'AuditEntry', description: 'One administrative action; never a code or an answer' });

/** GET /api/audit (admin): the audit log, newest first (docs/API.md §11 audit). */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thao tác quản trị (audit log, newest first)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }),
        response: { 200: z.array(AuditView), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => listAudit(app.db, request.query.limit),
  );
};
export default auditRoutes;
