import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';

/** GET /api/health: 200 once the database is migrated and answers (docs/API.md §2 start-up). */
const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database readiness',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['postgres', 'pglite']) }) },
      },
    },
    async () => {
      try {
        await app.db.execute(sql`select 1`);
      } catch {
        throw new AppError('server.unavailable', 'Cơ sở dữ liệu chưa sẵn sàng (database not ready)');
      }
      return { status: 'ok' as const, database: app.dbEngine };
    },
  );
};
export default healthRoutes;
