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
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number | string }>(db, sql`select count(*) as n from ${sql.identifier(name)}`);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}
