import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Process configuration, validated once at boot (docs/ARCHITECTURE.md §8 configuration). Behaviour never
 * branches on NODE_ENV; everything a deployment changes is named here and in .env.example.
 */
/** A span of time as `<number><s|m|h|d>`, e.g. `15m`, `30d`. */
const Duration = z.string().regex(/^\d+[smhd]$/, 'dạng <số><s|m|h|d>, ví dụ 15m, 30d');
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds in a `Duration` (`15m` → 900). */
export function durationSeconds(span: string): number {
  const unit = span.slice(-1) as keyof typeof UNIT_SECONDS;
  return Number(span.slice(0, -1)) * UNIT_SECONDS[unit];
}

/** Refresh-token lifetimes when unset: a month idle, a fieldwork season (90 days) at most. */
export const REFRESH_DEFAULTS = { ttl: '30d', maxAge: '90d' } as const;

/** Syncs in progress per node when SYNC_CONCURRENCY is unset: a few per database connection (docs/SCALING.md "Admission"). */
export const SYNC_CONCURRENCY_DEFAULT = 32;

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * Set → real PostgreSQL; unset → embedded PGlite in DATA_DIR. May name a primary and its
   * standbys, `postgres://u@db1:5432,db2:5432/par?target_session_attrs=primary` (docs/SCALING.md "Failover").
   */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres://').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_USERNAME: z.string().min(3).max(64).default('admin'),
  ADMIN_PASSWORD: z.string().min(8).max(200).optional(),
  /**
   * Signing secret for staff tokens; generated and kept in the database when unset, where a
   * database dump exposes it (docs/SECURITY.md "Secrets"). JWT_SECRET_FILE names a file holding it.
   */
  JWT_SECRET: z.string().min(32).optional(),
  /**
   * Pepper of the invitation-code hashes; generated and kept in the database when unset.
   * Set it (or INVITATION_PEPPER_FILE) before the first code is issued: changing it later makes
   * every unused code unknown.
   */
  INVITATION_PEPPER: z.string().min(32).optional(),
  /**
   * Lifetime of a staff access token (the bearer JWT), at most an hour: a stolen one is soon
   * useless. Staying logged in for the fieldwork is the refresh token's job (docs/SECURITY.md "Sessions").
   */
  TOKEN_TTL: Duration.refine((d) => durationSeconds(d) <= 3600, 'TOKEN_TTL là thời hạn của mã truy cập, tối đa 1h (access tokens live at most 1h; staying logged in is REFRESH_TOKEN_TTL)').default('15m'),
  /** A refresh token unused this long expires; each use slides it forward, up to REFRESH_TOKEN_MAX_AGE after login. */
  REFRESH_TOKEN_TTL: Duration.default(REFRESH_DEFAULTS.ttl),
  /** However often it is used, a login's refresh tokens end this long after the password was typed. */
  REFRESH_TOKEN_MAX_AGE: Duration.default(REFRESH_DEFAULTS.maxAge),
  PAR_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built PWA lives; served at `/` when present. */
  PWA_DIST: z.string().min(1).default('./pwa/dist'),
  /**
   * Trust X-Forwarded-For from a reverse proxy (nginx in front of the service). Off by default:
   * trusting it without a proxy would let clients dodge the login and invitation rate limits.
   */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** Public origin used in invitation links and QR codes (e.g. https://khaosat.example.gov.vn). */
  PUBLIC_URL: z.url().optional(),
  /** Set → metrics also at http://METRICS_HOST:METRICS_PORT/metrics, without a token (server/metrics-server.ts). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Most POST /api/sync requests this node works on at once; one more is answered 503 with
   * Retry-After before its body is read (server/plugins/sync-admission.ts, docs/SCALING.md "Admission").
   */
  SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(SYNC_CONCURRENCY_DEFAULT),
});
export type Config = z.infer<typeof Config>;

/** `NAME_FILE=/run/secrets/x` → NAME = the file's content (secrets kept outside the environment and the database). */
function withSecretFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  for (const name of ['JWT_SECRET', 'INVITATION_PEPPER'] as const) {
    const file = env[`${name}_FILE`];
    if (file && !env[name]) out[name] = readFileSync(file, 'utf8').trim();
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(withSecretFiles(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
