import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client';

/**
 * The application's tables and what is in them, the same on both engines: used by backup,
 * restore and move to check and to verify, and by their tests to compare databases row by row.
 */

/** Tables of the public schema, parents before children (foreign keys), names sorted within a level. */
export async function tablesInDependencyOrder(db: DbOrTx): Promise<string[]> {
  const tables = (await queryRows<{ name: string }>(db, sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`)).map((r) => r.name);
  const edges = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const ordered: string[] = [];
  const left = new Set(tables);
  while (left.size > 0) {
    const ready = [...left].filter((t) => !edges.some((e) => e.child === t && left.has(e.parent))).sort();
    if (ready.length === 0) throw new Error(`foreign key cycle among: ${[...left].join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      left.delete(t);
    }
  }
  return ordered;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/**
 * Every row of a table as JSON text, sorted, with timestamps in UTC so both engines write them
 * alike. Call inside a transaction or session where `TimeZone` is UTC (see `inUtc`).
 */
export async function tableRows(db: DbOrTx, table: string): Promise<string[]> {
  const rows = await queryRows<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${ident(table)} t order by 1`);
  return rows.map((r) => r.j);
}

/** Row count and an md5 over all rows (sorted JSON text) of a table. */
export async function tableDigest(db: DbOrTx, table: string): Promise<{ rows: number; md5: string }> {
  const [row] = await queryRows<{ rows: number | string; md5: string | null }>(
    db,
    sql`select count(*) as rows, md5(coalesce(string_agg(j, E'\\n' order by j), '')) as md5 from (select row_to_json(t)::text as j from ${ident(table)} t) s`,
  );
  return { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? '' };
}

/** Sets the session's time zone to UTC (row_to_json writes timestamptz in the session's zone). */
export async function inUtc(db: DbOrTx): Promise<void> {
  await db.execute(sql`set TimeZone = 'UTC'`);
}

/** Application rows in the database (the migrations' bookkeeping is not counted). */
export async function applicationRowCount(db: DbOrTx): Promise<number> {
  let total = 0;
  for (const t of await tablesInDependencyOrder(db)) total += (await tableDigest(db, t)).rows;
  return total;
}

export { ident };
