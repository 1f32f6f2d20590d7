import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from './errors';

declare module 'fastify' {
  interface FastifyInstance {
    /** POST /api/sync admission (docs/SCALING.md "Admission"): syncs in progress and refused. */
    readonly syncAdmission: SyncAdmission;
  }
}

export interface SyncAdmission {
  /** The most syncs this node works on at once (SYNC_CONCURRENCY). */
  readonly limit: number;
  /** Syncs admitted and not yet answered or abandoned. */
  inFlight(): number;
  /** Syncs answered 503 because `limit` were already in progress, since the app started. */
  refused(): number;
}

/** Seconds a refused device is asked to wait; devices add up to as much again at random (pwa/lib/sync.ts). */
export const SYNC_RETRY_AFTER_SECONDS = 2;

const SYNC_URL = '/api/sync';

/**
 * A per-node bound on syncs in progress (docs/SCALING.md "Admission"). Without it every sync is
 * admitted and waits in the database pool's queue; under 500 devices at once the wait outgrows
 * the devices' 60 s timeout, requests they gave up on are still worked on while they send again,
 * and memory holds every waiting body. Here a sync that finds `limit` others in progress is
 * answered `503 server.unavailable` with Retry-After in `onRequest`, before its body is read or
 * its credential checked, and the device keeps its queue and comes back later (docs/SYNC.md).
 *
 * A slot is given back exactly once, on the first of: the response finished (`onResponse`) or
 * the connection closed (the raw response's `close`, which Node emits on every response,
 * finished or cut off). A client that gives up therefore frees its slot at once; work the handler
 * already started on its behalf still finishes inside the database pool.
 */
async function syncAdmissionPlugin(app: FastifyInstance, opts: { limit: number }): Promise<void> {
  if (!Number.isInteger(opts.limit) || opts.limit < 1) throw new Error(`SYNC_CONCURRENCY must be a positive integer, got ${opts.limit}`);
  let inFlight = 0;
  let refused = 0;
  const holding = new WeakSet<FastifyRequest>();
  app.decorate('syncAdmission', { limit: opts.limit, inFlight: () => inFlight, refused: () => refused });
  app.metrics.syncAdmission = () => ({ limit: opts.limit, inFlight, refused });

  const release = (request: FastifyRequest) => {
    if (!holding.delete(request)) return;
    inFlight--;
  };

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== SYNC_URL) return;
    if (inFlight >= opts.limit) {
      refused++;
      // Answered here, not thrown: a refusal is expected under load, not an error to log. The
      // unread body is discarded by Node (never parsed) so the connection can be kept alive.
      void reply.header('retry-after', String(SYNC_RETRY_AFTER_SECONDS));
      return sendProblem(reply, 'server.unavailable', `Máy chủ đang nhận nhiều phiếu cùng lúc; thiết bị sẽ tự gửi lại sau ${SYNC_RETRY_AFTER_SECONDS} giây (busy: retry later)`);
    }
    inFlight++;
    holding.add(request);
    reply.raw.once('close', () => release(request));
    return undefined;
  });
  app.addHook('onResponse', async (request) => release(request));
}

export default fp(syncAdmissionPlugin, { name: 'sync-admission', dependencies: ['errors', 'metrics'] });
