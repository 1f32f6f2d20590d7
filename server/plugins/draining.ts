import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** True once shutdown began: requests in flight finish, new ones are turned away. */
    readonly draining: boolean;
    /** Called by server.ts on SIGTERM/SIGINT before `app.close()`. */
    startDraining(): void;
  }
}

/**
 * Graceful shutdown, the app's half (server.ts has the process's half): while draining, a
 * request arriving on a kept-alive connection gets 503 `server.unavailable` with Retry-After
 * (health included, so a load balancer stops sending here) and `Connection: close`, while the
 * requests already running finish and are answered. Replaces Fastify's own plain-JSON 503
 * (`return503OnClosing` is off in app.ts) so clients see the one problem+json shape.
 */
async function drainingPlugin(app: FastifyInstance): Promise<void> {
  let draining = false;
  app.decorate('draining', {
    getter: () => draining,
  });
  app.decorate('startDraining', () => {
    draining = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!draining) return;
    void reply.header('connection', 'close');
    throw new AppError('server.unavailable', 'Máy chủ đang dừng để bảo trì; thử lại sau (shutting down, retry later)');
  });
}

export default fp(drainingPlugin, { name: 'draining' });
