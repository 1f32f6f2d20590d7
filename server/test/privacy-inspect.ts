import { pageinspect } from '@electric-sql/pglite/contrib/pageinspect';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database, type Db, queryRows } from '../../db/client';
import { createTestDatabase } from './harness';

/**
 * What an operator with the database files sees, for the privacy attack tests
 * (docs/PRIVACY.md): every tuple of a table as stored in its pages, dead ones included, read
 * with pageinspect on either engine, and the measures the attacks use.
 */
export async function inspectableTestDatabase(): Promise<Database> {
  let database: Database;
  if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
  else {
    database = createDatabase({ kind: 'pglite', extensions: { pageinspect } });
    await database.migrate();
  }
  await database.db.execute(sql`CREATE EXTENSION IF NOT EXISTS pageinspect`);
  return database;
}

export interface RawTuple {
  /** Position in the file: block × 1000 + line pointer. */
  position: number;
  xmin: string;
  xmax: string;
  /** The first column (every table here starts with a uuid), or null for a pruned line pointer. */
  key: string | null;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const uuidOf = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/** Every tuple in the table's pages, live or dead, in physical order. */
export async function rawTuples(db: Db, table: string): Promise<RawTuple[]> {
  const rows = await queryRows<{ blkno: number; lp: number; xmin: string | null; xmax: string | null; data: Uint8Array | null }>(
    db,
    sql`SELECT b.blkno::int AS blkno, p.lp::int AS lp, p.t_xmin::text AS xmin, p.t_xmax::text AS xmax, p.t_data AS data
        FROM generate_series(0, (pg_relation_size(${table}::regclass) / current_setting('block_size')::int)::int - 1) AS b(blkno),
             LATERAL heap_page_items(get_raw_page(${table}, b.blkno)) AS p
        ORDER BY 1, 2`,
  );
  return rows
    .filter((r) => r.xmin !== null)
    .map((r) => ({ position: r.blkno * 1000 + r.lp, xmin: String(r.xmin), xmax: String(r.xmax), key: r.data && r.data.length >= 16 ? uuidOf(hex(r.data.subarray(0, 16))) : null }));
}

/** Kendall's tau-a of two rankings of the same items (ties count as neither concordant nor discordant). */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  let score = 0;
  const n = a.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) score += Math.sign(((a[i] ?? 0) - (a[j] ?? 0)) * ((b[i] ?? 0) - (b[j] ?? 0)));
  }
  return n < 2 ? 0 : score / ((n * (n - 1)) / 2);
}

/** Rank of each key in a list ordered by the attack's criterion (ties share a rank). */
export function ranks<T>(items: readonly T[], keyOf: (item: T) => string, order: (item: T) => number | string): Map<string, number> {
  const sorted = [...items].sort((x, y) => {
    const a = order(x);
    const b = order(y);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out = new Map<string, number>();
  let rank = 0;
  sorted.forEach((item, i) => {
    if (i > 0 && order(item) !== order(sorted[i - 1] as T)) rank = i;
    out.set(keyOf(item), rank);
  });
  return out;
}

/**
 * Whether an attack narrowed a response down: `candidates` are the invitations the attack ties
 * to it, `cell` every used invitation of the response's (campaign, unit, group). Tying it to
 * none, or to the whole cell (or more), tells nothing the cell did not.
 */
export function narrows(candidates: ReadonlySet<string>, cell: ReadonlySet<string>): boolean {
  const inCell = [...cell].filter((id) => candidates.has(id)).length;
  return inCell > 0 && inCell < cell.size;
}
