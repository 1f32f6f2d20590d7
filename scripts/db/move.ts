import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createDatabase, type DbOrTx, MIGRATIONS_DIR, queryRows } from '../../db/client';
import { durablePglite } from '../../db/pglite-durable';
import * as schema from '../../db/schema';
import { configured, Refusal, refuseIfEmbeddedServerRuns, runCli, say } from './common';
import { applicationRowCount, ident, inUtc, tableDigest, tablesInDependencyOrder } from './tables';

/**
 * `npm run db:move -- <postgres url>`: copies everything from the embedded database (DATA_DIR)
 * into an empty PostgreSQL database, which is migrated first. Tables go parents first, in
 * pages of rows as JSON (`json_populate_recordset`, so every column type travels as PostgreSQL
 * writes and reads it), all in ONE transaction on the target, which commits only if every
 * table has the same row count and the same md5 over its rows as the source. The embedded
 * database is left as it was. Then set DATABASE_URL to that URL and restart the service.
 */
const PAGE = 2000;

export async function move(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ tables: number; rows: number }> {
  const url = args.find((a) => !a.startsWith('--'));
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Refusal('cần địa chỉ PostgreSQL: npm run db:move -- postgres://người-dùng@máy:5432/tên-csdl', 'a PostgreSQL URL is needed: npm run db:move -- postgres://user@host:5432/name');
  const source = configured({ ...env, DATABASE_URL: undefined });
  if (source.engine !== 'pglite' || !existsSync(join(source.dataDir, 'PG_VERSION'))) {
    throw new Refusal(`không có cơ sở dữ liệu nhúng trong ${source.engine === 'pglite' ? source.dataDir : 'DATA_DIR'}`, 'no embedded database in DATA_DIR');
  }
  await refuseIfEmbeddedServerRuns(env);

  const pg = durablePglite(source.dataDir);
  const from = drizzle(pg, { schema });
  const target = createDatabase({ kind: 'postgres', url, max: 1 });
  try {
    await migrate(from, { migrationsFolder: MIGRATIONS_DIR });
    await target.migrate();
    await inUtc(from);
    const tables = await tablesInDependencyOrder(from);
    const already = await applicationRowCount(target.db);
    if (already > 0) throw new Refusal(`cơ sở dữ liệu đích đã có ${already} dòng; cần một cơ sở dữ liệu trống`, `the target database already holds ${already} rows; an empty one is needed`);
    const targetTables = await tablesInDependencyOrder(target.db);
    if (targetTables.join() !== tables.join()) throw new Refusal('cấu trúc bảng hai bên khác nhau; hãy cập nhật phần mềm rồi thử lại', `the two schemas differ (${tables.join(', ')} vs ${targetTables.join(', ')})`);

    let rows = 0;
    await target.db.transaction(async (tx) => {
      await tx.execute(sql`set local TimeZone = 'UTC'`);
      for (const table of tables) {
        const copied = await copyTable(from, tx, table);
        const [a, b] = [await tableDigest(from, table), await tableDigest(tx, table)];
        if (a.rows !== copied || a.rows !== b.rows || a.md5 !== b.md5) {
          throw new Refusal(`bảng ${table} chép không khớp (${a.rows} → ${b.rows} dòng); không có gì được ghi`, `table ${table} did not copy identically (${a.rows} → ${b.rows} rows, md5 ${a.md5} vs ${b.md5}); nothing was written`);
        }
        say(`  ${table}: ${b.rows} dòng, md5 khớp`, `${table}: ${b.rows} rows, md5 matches`);
        rows += b.rows;
      }
    });
    say(
      `Đã chuyển ${rows} dòng của ${tables.length} bảng sang PostgreSQL. Hãy đặt DATABASE_URL=${redactPassword(url)} rồi khởi động lại dịch vụ; thư mục ${source.dataDir} giữ nguyên.`,
      `Moved ${rows} rows of ${tables.length} tables to PostgreSQL. Set DATABASE_URL to that URL and restart the service; ${source.dataDir} is left as it was.`,
    );
    return { tables: tables.length, rows };
  } finally {
    await target.close();
    await pg.close();
  }
}

/** One table in pages keyed by the physical row position (ctid), so no page is read twice. */
async function copyTable(from: DbOrTx, to: DbOrTx, table: string): Promise<number> {
  let last = '(0,0)';
  let copied = 0;
  for (;;) {
    const page = await queryRows<{ c: string; j: string }>(from, sql`select ctid::text as c, row_to_json(t)::text as j from ${ident(table)} t where ctid > ${last}::tid order by ctid limit ${PAGE}`);
    if (page.length === 0) return copied;
    await to.execute(sql`insert into ${ident(table)} select * from json_populate_recordset(null::${ident(table)}, ${`[${page.map((r) => r.j).join(',')}]`}::json)`);
    copied += page.length;
    last = page[page.length - 1]?.c ?? last;
  }
}

const redactPassword = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

if (import.meta.url === `file://${process.argv[1]}`) void runCli(async () => void (await move(process.argv.slice(2))));
