import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { findUnstorableText } from '../unstorable-text';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The body's items are checked one by one by the route's service (POST /api/sync answers
     * per response, docs/SYNC.md), so this guard looks at params and query only.
     */
    textCheckedPerItem?: boolean;
  }
}

/** Longer than any URL the service makes (the longest is a criterion's cells, about 130 characters). */
export const MAX_URL_LENGTH = 2048;

/**
 * What any request may carry, checked in one place for every route:
 * - a URL of at most MAX_URL_LENGTH characters (414 request.uri_too_long), before routing
 *   (the router's own limit covers path parameters only; the app's catch-all route does not
 *   have one);
 * - no string (path parameter, query, JSON body, object key) the database could not store
 *   (unstorable-text.ts): 400 validation.failed naming the field, before schema validation
 *   and before any service sees it.
 */
async function inputGuard(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) throw new AppError('request.uri_too_long', `Địa chỉ dài ${request.url.length} ký tự, tối đa ${MAX_URL_LENGTH}`);
  });
  app.addHook('preValidation', async (request) => {
    const parts: [unknown, string][] = [
      [request.params, 'params'],
      [request.query, 'querystring'],
    ];
    if (!request.routeOptions.config.textCheckedPerItem) parts.push([request.body, 'body']);
    for (const [value, root] of parts) {
      const bad = findUnstorableText(value, root);
      if (bad) throw new AppError('validation.failed', `${bad.path}: ${bad.message}`, [bad]);
    }
  });
}

export default fp(inputGuard, { name: 'input-guard', dependencies: ['errors'] });
