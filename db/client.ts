import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Extensions, PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createPostgresClient } from './postgres-client';
import { durablePglite, flushDataDir } from './pglite-durable';
import * as schema from './schema';

/**
 * The client factory: PGlite (embedded, in `dataDir` or in memory) or a real PostgreSQL
 * through postgres.js, both behind the same drizzle API. Callers never see which.
 */
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Functions that may run inside or outside a transaction take this. */
export type DbOrTx = Db | Tx;

/**
 * `loadDataDir`: start an in-memory PGlite from a dumped data directory (the tests' migrated
 * template); `extensions`: PGlite contrib modules to load (tests inspect raw pages with pageinspect).
 */
export type DbTarget =
  | { kind: 'postgres'; url: string; max?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; extensions?: Extensions };

export interface Database {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** Applies the committed SQL migrations in db/migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL only: the pool's size and how often it was replaced (db/postgres-client.ts). */
  pool?: () => { max: number; recycled: number };
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** The advisory lock key held while migrating (any fixed number; no other lock of this app uses one). */
export const MIGRATION_LOCK = 720_260_012;

/**
 * Several app nodes starting together on one database (docs/SCALING.md "Several app nodes"):
 * one migrates while the others wait on a session advisory lock, held by a connection of its
 * own and released when that connection ends, so a node that dies mid-migration frees it.
 */
async function migrateLocked(url: string, run: () => Promise<void>): Promise<void> {
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await run();
  } finally {
    await lock.end({ timeout: 5 });
  }
}

/**
 * `url` may name several hosts, for a primary and its standbys (docs/SCALING.md "Failover"):
 * `postgres://user@db1:5432,db2:5432/par?target_session_attrs=primary`; postgres.js tries them
 * in turn and keeps only a connection to the one that accepts writes (`primary`, not
 * `read-write`: postgres.js 3.4 judges `read-write` by `default_transaction_read_only` alone,
 * which a hot standby reports as off; porsager/postgres#815).
 */
export function createDatabase(target: DbTarget): Database {
  if (target.kind === 'postgres') {
    const max = target.max ?? 10;
    const client = createPostgresClient(target.url, max);
    const db = drizzlePostgres(client.sql, { schema });
    return {
      db,
      engine: 'postgres',
      migrate: () => migrateLocked(target.url, () => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR })),
      close: () => client.end(),
      pool: () => ({ max, recycled: client.recycled }),
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  // On disk: durable commits (db/pglite-durable.ts). In memory (tests): nothing to flush.
  const dataDir = target.dataDir;
  const options = { ...(target.extensions ? { extensions: target.extensions } : {}), ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) };
  const client = dataDir ? durablePglite(dataDir) : new PGlite(options);
  const db = drizzlePglite(client, { schema });
  return {
    db,
    engine: 'pglite',
    migrate: async () => {
      await client.waitReady;
      if (dataDir) flushDataDir(dataDir);
      await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
    },
    close: () => client.close(),
  };
}

/**
 * The one place a transaction is opened (docs/ARCHITECTURE.md §5): routes, server.ts and the
 * two entries that own their boundaries (the sync batch in services/sync.ts, the demo loader)
 * call this and pass the `Tx` down. Services take a `Tx` where the work must be atomic and
 * never open a transaction themselves, so they can always join their caller's.
 */
export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

/**
 * Runs one read with planner settings (`SET LOCAL …` statements) that must end with it. SET
 * LOCAL lives as long as a transaction, so this opens one of its own, or a savepoint when
 * `db` is already a caller's transaction (the settings then last until that one ends). Not
 * an atomicity boundary: the one other `.transaction` call in the code.
 */
export function queryRowsWithSettings<T>(db: DbOrTx, settings: readonly SQL[], query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    for (const setting of settings) await tx.execute(setting);
    return queryRows<T>(tx, query);
  });
}

/**
 * Runs a raw SQL query and returns its rows. The drivers differ here (postgres.js answers an
 * array, PGlite `{ rows }`), so callers never see which engine they are on.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
