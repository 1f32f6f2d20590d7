import { randomUUID } from 'node:crypto';

/**
 * The `err` serializer of every log line. A failed query's error carries what was sent with
 * it: drizzle's `DrizzleQueryError` puts the parameters in its message ("params: …") and in
 * `params`, postgres.js adds `parameters`/`args`, PGlite `params`, and PostgreSQL's own
 * `detail` ("Failing row contains (…)") repeats the row. For POST /api/users that is a
 * password hash; for a sync it is answers. So a logged error keeps only what identifies the
 * fault (type, code, constraint, table, the SQL text with its $n placeholders, the stack
 * frames) and never a value, whatever the driver.
 */
const KEPT_FIELDS = ['code', 'severity', 'routine', 'constraint_name', 'table_name', 'column_name', 'statusCode'] as const;
const MAX_CAUSES = 5;

export interface LoggedError {
  type: string;
  message: string;
  stack: string;
  [field: string]: unknown;
}

/** "Failed query: <sql>\nparams: <values>" → "Failed query: <sql>". */
function withoutParameters(message: string): string {
  const cut = message.search(/\n\s*params:/);
  return cut >= 0 ? message.slice(0, cut) : message;
}

/** The stack's frames only: its first lines repeat the message, parameters included. */
function framesOnly(stack: unknown): string {
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

function one(err: object): LoggedError {
  const e = err as Record<string, unknown>;
  const out: LoggedError = {
    type: typeof e.name === 'string' ? e.name : (err.constructor?.name ?? 'Error'),
    message: withoutParameters(typeof e.message === 'string' ? e.message : String(err)),
    stack: framesOnly(e.stack),
  };
  for (const key of KEPT_FIELDS) if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
  // The SQL text is useful to find the fault and holds only placeholders ($1, $2, …).
  if (typeof e.query === 'string') out.query = e.query;
  return out;
}

/** Fastify/pino `serializers.err`: the error and its causes, without any query parameter or row. */
export function errorSerializer(err: unknown): LoggedError {
  if (!err || typeof err !== 'object') return { type: typeof err, message: String(err), stack: '' };
  const top = one(err);
  let current: unknown = (err as { cause?: unknown }).cause;
  const causes: LoggedError[] = [];
  for (let depth = 0; current && typeof current === 'object' && depth < MAX_CAUSES; depth++) {
    causes.push(one(current));
    current = (current as { cause?: unknown }).cause;
  }
  return causes.length > 0 ? { ...top, causes } : top;
}

/** Request ids: random (a counter would say how busy the server is), echoed as X-Request-Id. */
export const genReqId = (): string => randomUUID();
