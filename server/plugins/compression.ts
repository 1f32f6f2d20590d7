import { constants } from 'node:zlib';
import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Compresses JSON replies of the API (brotli or gzip, as the client accepts) where it is safe.
 * The questionnaire a respondent downloads (`GET /api/invitations/:code`) shrinks from ~11 kB
 * to ~2.5 kB, which is seconds on a weak 3G connection. The phone app's static files are not
 * handled here: they are compressed once at build time (scripts/compress-dist.ts) and served
 * as they are by plugins/pwa-static.ts.
 *
 * The rule (BREACH, docs/PWA.md "Compression"): a compressed reply leaks, through its length,
 * how much of a secret it carries matches text someone else put in the same reply. So a reply
 * that carries a token, an invitation code or a password must never be compressed. Only reads
 * are compressed (GET under /api/): in this API secrets are handed out only by writes (the
 * login's token, issued invitation codes, the printable sheet of codes), never
 * by a read. A read that must one day return a secret sets `compress: false` on its route.
 * Requests are never decompressed (a small compressed body could expand past the body limit).
 */
export function compressible(route: Pick<RouteOptions, 'method' | 'url'>): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return route.url.startsWith('/api/') && methods.every((m) => m === 'GET' || m === 'HEAD');
}

/**
 * How API reads are compressed. A route that sets its own `compress` replaces these settings
 * as a whole (@fastify/compress fills whatever the route leaves out with its own defaults, not
 * with these), so such a route spreads them and changes only what it must.
 */
export const API_COMPRESSION = {
  encodings: ['br', 'gzip'],
  // Small replies gain nothing worth the CPU (and problem+json stays readable on the wire).
  threshold: 1024,
  customTypes: /^application\/json\b/,
  // Quality 7: the questionnaire shrinks to ~2.5 kB in ~1 ms; 11 saves ~100 bytes more
  // for 10–40× the CPU on a public endpoint. The invitation route alone asks for 10
  // (routes/invitations/index.ts): it is read once per respondent and is most of the first load.
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 7 } },
  // Compress replies up to 256 kB in one call, so they carry a Content-Length instead of
  // chunked framing; larger ones (a big campaign download) stream.
  syncThreshold: 256 * 1024,
} satisfies FastifyCompressOptions;

async function compression(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook (registered below), so the decision is
  // made here for every route: compressible routes get the plugin's settings, others none.
  app.addHook('onRoute', (route) => {
    if (route.compress === undefined && !compressible(route)) route.compress = false;
  });
  await app.register(fastifyCompress, { global: true, globalDecompression: false, ...API_COMPRESSION });
}

export default fp(compression, { name: 'compression' });
