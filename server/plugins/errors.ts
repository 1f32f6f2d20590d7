import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { mapDbError } from '../db-errors';
import { AppError, type ErrorCode, type FieldError, problemOf } from '../errors';
import { errorForLog } from '../log-redaction';

/**
 * The one error handler: every failure leaves as RFC 9457 problem+json with a code from
 * server/errors.ts. Client mistakes are 4xx; only genuine faults are 500, and are logged.
 */
export function sendProblem(reply: FastifyReply, code: ErrorCode, detail?: string, errors?: FieldError[]): FastifyReply {
  const body = problemOf(code, detail, errors);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Fastify's own 4xx errors (body parser, content type, size) by their codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation.failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
  FST_ERR_VALIDATION: 'validation.failed',
  FST_ERR_BAD_URL: 'route.not_found',
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
  if (mapped) return { code: mapped.code };
  if (err.code && err.code in FASTIFY_CODES) return { code: FASTIFY_CODES[err.code] ?? 'validation.failed', detail: err.message };
  if (err.code?.startsWith('FST_JWT_')) return { code: err.code.includes('NO_AUTHORIZATION') ? 'auth.required' : 'auth.token_invalid' };
  if (err instanceof SyntaxError) return { code: 'request.malformed_json', detail: err.message };
  if (err.statusCode === 429) return { code: 'request.rate_limited' };
  if (err.statusCode === 413) return { code: 'request.too_large' };
  if (err.statusCode === 415) return { code: 'request.unsupported_media_type' };
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return { code: 'validation.failed', detail: err.message };
  return undefined;
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = classify(err);
    if (known) {
      if (known.code === 'server.unavailable') request.log.warn(errorForLog(request, err), 'unavailable');
      return sendProblem(reply, known.code, known.detail, known.errors);
    }
    request.log.error(errorForLog(request, err), 'unhandled error');
    return sendProblem(reply, 'server.internal', 'Đã có lỗi máy chủ; đã ghi nhật ký (logged)');
  });
}

export default fp(errorsPlugin, { name: 'errors' });
