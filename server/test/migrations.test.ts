import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, queryRows, type Database } from '../../db/client';
import * as schema from '../../db/schema';
import { createEmptyTestDatabase } from './harness';

/**
 * From an empty database (PGlite, or a new PostgreSQL database when TEST_DATABASE_URL is
 * set), the committed migrations create every table and column of db/schema.ts, and a
 * second run changes nothing.
 */
let database: Database;

async function columnsByTable(): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ table_name: string; column_name: string }>(
    database.db,
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(String(r.table_name), [...(out.get(String(r.table_name)) ?? []), String(r.column_name)]);
  return out;
}

async function appliedMigrations(): Promise<number> {
  const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(rows[0]?.n);
}

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable)).map((t) => getTableConfig(t));

beforeAll(async () => {
  database = await createEmptyTestDatabase();
});
afterAll(() => database.close());

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
