import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, createDatabase, type Database } from '../../db/client';
import * as schema from '../../db/schema';

/**
 * From an empty database (PGlite, or a new PostgreSQL database when TEST_DATABASE_URL is
 * set), the committed migrations create every table and column of db/schema.ts, and a
 * second run changes nothing.
 */
let database: Database;
let dropDatabase: (() => Promise<void>) | undefined;

async function emptyDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return createDatabase({ kind: 'pglite' });
  const name = `par_migrate_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return createDatabase({ kind: 'postgres', url: url.toString(), max: 2 });
}

/** postgres.js answers an array of rows, PGlite an object with `rows`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

async function columnsByTable(): Promise<Map<string, string[]>> {
  const rows = rowsOf(
    await database.db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`),
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(String(r.table_name), [...(out.get(String(r.table_name)) ?? []), String(r.column_name)]);
  return out;
}

async function appliedMigrations(): Promise<number> {
  const rows = rowsOf(await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  return Number(rows[0]?.n);
}

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable)).map((t) => getTableConfig(t));

beforeAll(async () => {
  database = await emptyDatabase();
});
afterAll(async () => {
  await database.close();
  await dropDatabase?.();
});

describe('migrations', () => {
  it('start from a database with no tables', async () => {
    expect((await columnsByTable()).size).toBe(0);
  });

  it('create every table and column of db/schema.ts', async () => {
    await database.migrate();
    const found = await columnsByTable();
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const t of tables) {
      expect(found.has(t.name), `table ${t.name}`).toBe(true);
      expect(new Set(found.get(t.name)), `columns of ${t.name}`).toEqual(new Set(t.columns.map((c) => c.name)));
    }
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(await appliedMigrations()).toBe(journal.entries.length);
  });

  it('are a no-op the second time', async () => {
    const before = await columnsByTable();
    const applied = await appliedMigrations();
    await database.migrate();
    expect(await appliedMigrations()).toBe(applied);
    expect(await columnsByTable()).toEqual(before);
  });
});
