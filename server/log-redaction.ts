import { LogController, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { errorSerializer } from './log-errors';

/**
 * What the logs may say about respondents (docs/PRIVACY.md "Logs"). Whoever reads the logs
 * must not be able to tie a response to a code, an address or a moment:
 * - Invitation codes travel in URLs (`/api/invitations/<code>`, `/r/<code>`): logged URLs
 *   carry a placeholder instead.
 * - Requests made with an invitation code (look-up, the `/r/` page, sync with
 *   `X-Invitation-Code`) get no per-request log line at all: not the address, not the
 *   millisecond time, not the request id. Their unexpected errors are logged with the error's
 *   kind only (a failed query's message would carry response ids and answers).
 * - Other requests log the client address only when they carry staff credentials or go to
 *   `/api/auth/` (logins): a respondent's page and asset loads stay address-free too, since
 *   their times match the moment a form was started.
 */
export function redactUrl(url: string): string {
  return url.replace(/^(\/api\/invitations\/|\/r\/)[^/?#]+/, '$1[mã-mời]');
}

type LoggedRequest = Pick<FastifyRequest, 'url' | 'headers'>;

/** A request made by a respondent with a code, whichever route serves it. */
export function isInvitationRequest(request: LoggedRequest): boolean {
  return /^\/(api\/invitations|r)\//.test(request.url) || request.headers['x-invitation-code'] !== undefined;
}

function mayLogAddress(request: LoggedRequest): boolean {
  return !isInvitationRequest(request) && (request.headers.authorization !== undefined || request.url.startsWith('/api/auth/'));
}

/** Fastify `serializers.req` for every request log line. */
function requestSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    ...(mayLogAddress(request) ? { remoteAddress: request.ip } : {}),
  };
}

/** The error as the error handler may log it for this request. */
export function errorForLog(request: LoggedRequest, err: Error & { code?: unknown }): Record<string, unknown> {
  if (!isInvitationRequest(request)) return { err };
  return { errKind: err.name, ...(typeof err.code === 'string' ? { errCode: err.code } : {}) };
}

/**
 * The logger of the service: what a request line (above) and an error line (log-errors.ts:
 * never a query parameter or row) may hold. Tests pass a stream to read what production would write.
 */
export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return { level, serializers: { req: requestSerializer, err: errorSerializer }, ...(stream ? { stream } : {}) };
}

/** No request lines for invitation requests (see above). */
export function logController(): LogController {
  return new LogController({ disableRequestLogging: isInvitationRequest });
}
