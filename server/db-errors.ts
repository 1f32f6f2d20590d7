import { AppError } from './errors';

/**
 * The one place PostgreSQL errors become domain errors (docs/ARCHITECTURE.md §4 errors). Both engines
 * report SQLSTATE in `code`; drizzle wraps driver errors in `cause`.
 */
const SQLSTATE_TO_CODE = {
  '23505': 'db.conflict', // unique_violation
  '23503': 'db.conflict', // foreign_key_violation
  '23514': 'db.invalid_value', // check_violation
  '22P02': 'db.invalid_value', // invalid_text_representation (e.g. a malformed uuid)
  '22001': 'db.invalid_value', // string_data_right_truncation
  '22003': 'db.invalid_value', // numeric_value_out_of_range
  '22007': 'db.invalid_value', // invalid_datetime_format
  '22008': 'db.invalid_value', // datetime_field_overflow
  // Refused at the edge already (unstorable-text.ts); mapped too, so no path can still 500 on them.
  '22021': 'db.invalid_value', // character_not_in_repertoire (U+0000 in text)
  '22P05': 'db.invalid_value', // untranslatable_character (\u0000 in jsonb)
  '54000': 'db.invalid_value', // program_limit_exceeded (e.g. an index row over 2.7 kB)
} as const;

export function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/**
 * The database is unreachable or going away: the request did not happen and may be retried
 * as it is. SQLSTATE classes 08 (connection exception), 57P01-57P03 (shutdown, crash, not
 * accepting connections yet) and 53300 (too many connections); postgres.js's own connection
 * codes; the socket errors of a refused or cut connection.
 */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

function isDatabaseUnavailable(err: unknown): boolean {
  const state = sqlState(err);
  if (state) return state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03' || state === '53300';
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A domain error for a known PostgreSQL failure, or undefined when it is a real fault. */
export function mapDbError(err: unknown): AppError | undefined {
  if (isDatabaseUnavailable(err)) return new AppError('server.unavailable', 'Cơ sở dữ liệu tạm thời không kết nối được; thử lại sau (database unreachable, retry later)');
  const state = sqlState(err);
  if (!state || !(state in SQLSTATE_TO_CODE)) return undefined;
  return new AppError(SQLSTATE_TO_CODE[state as keyof typeof SQLSTATE_TO_CODE]);
}
