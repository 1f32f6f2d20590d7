import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client';

/**
 * Rows in every table of the public schema, read from the catalogue so a table added later is
 * counted too: the "no partial write" check of the bad-input and fuzz tests compares two of these.
 */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
  );
  // One statement for all tables: the fuzz test takes two snapshots per request.
  const union = sql.join(
    tables.map(({ name }) => sql`select ${name}::text as name, count(*) as n from ${sql.identifier(name)}`),
    sql` union all `,
  );
  const rows = await queryRows<{ name: string; n: number | string }>(db, union);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}
