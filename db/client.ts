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
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

export function createDatabase(target: DbTarget): Database {
  if (target.kind === 'postgres') {
    const client = postgres(target.url, { max: target.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema });
    return {
      db,
      engine: 'postgres',
      migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const options = { ...(target.extensions ? { extensions: target.extensions } : {}), ...(target.loadDataDir && !target.dataDir ? { loadDataDir: target.loadDataDir } : {}) };
  const client = target.dataDir ? new PGlite(target.dataDir, options) : new PGlite(options);
  const db = drizzlePglite(client, { schema });
  return {
    db,
    engine: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.close(),
  };
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
