import type { FastifyRequest } from 'fastify';

/**
 * Invitation codes travel in URLs (`/api/invitations/<code>`, `/r/<code>`). A request log
 * holding the code next to a time would let whoever reads the logs tie a code to its
 * response, so logged URLs carry a placeholder instead (docs/DOMAIN.md §5 privacy).
 */
export function redactUrl(url: string): string {
  return url.replace(/^(\/api\/invitations\/|\/r\/)[^/?#]+/, '$1[mã-mời]');
}

/** Fastify `serializers.req` for every request log line. */
export function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
