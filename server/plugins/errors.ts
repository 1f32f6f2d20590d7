import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { mapDbError } from '../db-errors';
import { setApiSecurityHeaders } from './security-headers';
import { AppError, CATALOGUE, RateLimitedError, type ErrorCode, type FieldError, problemOf } from '../errors';
import { errorForLog } from '../log-redaction';

/**
 * The one error handler: every failure leaves as RFC 9457 problem+json with a code from
 * server/errors.ts. Client mistakes are 4xx; only genuine faults are 500, and are logged.
 */
export function sendProblem(reply: FastifyReply, code: ErrorCode, detail?: string, errors?: FieldError[]): FastifyReply {
  const body = problemOf(code, detail, errors);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** What a 503 asks clients to wait: about as long as a PostgreSQL restart takes. */
const RETRY_AFTER_SECONDS = 5;

/** Fastify's own 4xx errors (body parser, content type, size) by their codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation.failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
  FST_ERR_VALIDATION: 'validation.failed',
  FST_ERR_BAD_URL: 'request.bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'request.uri_too_long',
  FST_ERR_ASYNC_CONSTRAINT: 'validation.failed',
};

function classify(err: FastifyError): { code: ErrorCode; detail?: string; errors?: FieldError[] } | undefined {
  if (err instanceof AppError) return { code: err.code, detail: err.message, ...(err.errors ? { errors: err.errors } : {}) };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'không hợp lệ',
    }));
    return { code: 'validation.failed', detail: `${errors.length} trường không hợp lệ (invalid fields)`, errors };
  }
  const mapped = mapDbError(err);
  if (mapped) return { code: mapped.code, ...(mapped.code === 'server.unavailable' ? { detail: mapped.message } : {}) };
  if (err.code && err.code in FASTIFY_CODES) return { code: FASTIFY_CODES[err.code] ?? 'validation.failed', detail: err.message };
  if (err.code?.startsWith('FST_JWT_')) return { code: err.code.includes('NO_AUTHORIZATION') ? 'auth.required' : 'auth.token_invalid' };
  if (err instanceof SyntaxError) return { code: 'request.malformed_json', detail: err.message };
  if (err.statusCode === 429) return { code: 'request.rate_limited' };
  // @fastify/static refuses paths it will not serve (too long, `..`) with 403: there is no such file.
  if (err.statusCode === 403 || err.statusCode === 404) return { code: 'route.not_found' };
  if (err.statusCode === 413) return { code: 'request.too_large' };
  if (err.statusCode === 415) return { code: 'request.unsupported_media_type' };
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return { code: 'validation.failed', detail: err.message };
  return undefined;
}

/**
 * Fastify's `frameworkErrors` option: the router's own refusals (a bad percent-escape such as
 * `/api/campaigns/%ZZ`, a path parameter over `maxParamLength`) happen before any route or
 * error handler exists, and would otherwise answer plain JSON.
 */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const code = FASTIFY_CODES[err.code] ?? 'validation.failed';
  setApiSecurityHeaders(reply);
  void sendProblem(reply, code, code === 'request.bad_url' ? 'Địa chỉ có mã %xx không hợp lệ (bad percent-encoding)' : undefined);
}

const CLIENT_ERRORS: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'request.timeout',
  HPE_HEADER_OVERFLOW: 'request.headers_too_large',
};

/**
 * Fastify's `clientErrorHandler` option: HTTP the parser itself refuses (headers over 16 KiB,
 * a malformed request line, a timeout) never reaches Fastify, so it is answered on the raw
 * socket, still as problem+json with a catalogue code.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERRORS[err.code ?? ''] ?? 'validation.failed';
  const body = JSON.stringify(problemOf(code, code === 'validation.failed' ? 'Yêu cầu HTTP không hợp lệ (malformed HTTP request)' : undefined));
  if (socket.writable) {
    const status = CATALOGUE[code].status;
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = classify(err);
    if (known) {
      if (known.code === 'server.unavailable') {
        request.log.warn(errorForLog(request, err), 'unavailable');
        // Nothing was done; devices keep the request and retry after this many seconds.
        void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      }
      // Every 429 says when to come back.
      if (err instanceof RateLimitedError) reply.header('retry-after', String(err.retryAfter));
      else if (known.code === 'request.rate_limited' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
      return sendProblem(reply, known.code, known.detail, known.errors);
    }
    request.log.error(errorForLog(request, err), 'unhandled error');
    return sendProblem(reply, 'server.internal', 'Đã có lỗi máy chủ; đã ghi nhật ký (logged)');
  });
}

export default fp(errorsPlugin, { name: 'errors' });
