import { randomUUID } from 'node:crypto';

/**
 * What a logged error may say (docs/DOMAIN.md §5 privacy): drizzle's query errors carry the
 * failed SQL's parameters in their message and stack, which for a sync are answers and
 * comments. The log keeps the error's type, code, SQLSTATE and the first line of its message
 * up to the parameters, and the stack frames without the message.
 */
export function errorSerializer(err: Error & { code?: unknown; cause?: unknown }): { type: string; message: string; stack: string; [key: string]: unknown } {
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  const firstLine = (text: string) => (text.split('\nparams:')[0] ?? '').split('\n')[0] ?? '';
  return {
    type: err.name,
    message: firstLine(err.message),
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    ...(cause && typeof cause.code === 'string' ? { causeCode: cause.code } : {}),
    ...(cause && typeof cause.message === 'string' ? { cause: firstLine(cause.message) } : {}),
    stack: (err.stack ?? '')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .join('\n'),
  };
}

/** Request ids: random (a counter would say how busy the server is), echoed as X-Request-Id. */
export const genReqId = (): string => randomUUID();
