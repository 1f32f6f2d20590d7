import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../db/client';
import { type AppOptions, buildApp } from '../app';
import type { Role } from '../plugins/auth';
import { createUser } from '../services/users';
import { copyOfTemplate } from './template-database';

/**
 * One database test suite, two engines (docs/ARCHITECTURE.md §7 tests): with TEST_DATABASE_URL set
 * every test database is a fresh PostgreSQL database made for the caller and dropped after;
 * otherwise an in-memory PGlite. The migrations run once per test run into a template that
 * each database is copied from (template-database.ts); the migration tests start empty.
 */
export const TEST_ENGINE: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A new, empty PostgreSQL database on the TEST_DATABASE_URL server, and how to drop it. */
export async function scratchPostgres(adminUrl: string, prefix = 'par_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * PGlite starts its WebAssembly engine on the first query. Doing that here puts the cost (tens
 * of seconds on a loaded machine) in the setup hook's time limit, not in the first test's.
 */
async function startedPglite(database: Database): Promise<Database> {
  await database.db.execute(sql`select 1`);
  return database;
}

/** A fresh database with no tables yet; closing it drops it (PostgreSQL) or discards it (PGlite). */
export async function createEmptyTestDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return startedPglite(createDatabase({ kind: 'pglite' }));
  const scratch = await scratchPostgres(adminUrl);
  const database = createDatabase({ kind: 'postgres', url: scratch.url, max: 8 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/**
 * A fresh database with the committed migrations applied: a copy of the run's migrated
 * template (server/test/template-database.ts), so it costs a copy, not a migration.
 */
export function createTestDatabase(): Promise<Database> {
  return copyOfTemplate();
}

/** The "now" every test app starts at (moved only by `advanceClock`): during the fixtures' fieldwork (Nov-Dec 2026), whatever day the tests run. */
export const TEST_NOW = '2026-11-15T03:00:00.000Z';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** A bearer token for a fresh user of that role. */
  tokenFor(role: Role, username?: string): Promise<{ token: string; userId: string }>;
  /** Moves the app's clock (TEST_NOW at start) forward: tokens expire without waiting for real time. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

let userCounter = 0;

/** `publicUrl`: the PUBLIC_URL setting (slip links and QR codes), unset by default. Tests mix held ballots explicitly (`app.ballotMixer.run`, `settle`): no timer unless asked. */
export async function buildTestApp(database?: Database, extra: Pick<AppOptions, 'mix' | 'logger'> & { publicUrl?: string; syncConcurrency?: number } = {}): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  let now = new Date(TEST_NOW).getTime();
  const app = await buildApp({
    database: db,
    config: { TOKEN_TTL: '1h', PWA_DIST: process.env.TEST_PWA_DIST ?? './pwa/dist', LOG_LEVEL: 'silent', PUBLIC_URL: extra.publicUrl, TRUST_PROXY: false, ...(extra.syncConcurrency ? { SYNC_CONCURRENCY: extra.syncConcurrency } : {}) },
    jwtSecret: randomBytes(32).toString('hex'),
    now: () => new Date(now),
    logger: extra.logger ?? false,
    mix: { intervalMs: null, ...extra.mix },
  });
  await app.ready();
  return {
    app,
    database: db,
    async tokenFor(role, username) {
      const user = await createUser(db.db, { username: username ?? `${role}-${process.pid}-${++userCounter}`, password: 'mat-khau-thu-nghiem', role });
      return { token: app.signToken(user), userId: user.id };
    },
    advanceClock(ms) {
      now += ms;
    },
    async close() {
      await app.close();
      if (!database) await db.close();
    },
  };
}
