import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { createDatabase } from '../../db/client';
import { durablePglite, flushDataDir } from '../../db/pglite-durable';
import * as schema from '../../db/schema';
import { configured, pgTool, Refusal, refuseIfEmbeddedServerRuns, runCli, say } from './common';
import { applicationRowCount } from './tables';

/**
 * `npm run restore -- <file> [--force]`: puts a backup made by `npm run backup` back into the
 * database the configuration names. A `.pgdump` goes to PostgreSQL (pg_restore), a `.tar.gz`
 * to the embedded data directory. A target holding data is refused unless --force; with
 * --force, PostgreSQL's objects are replaced (pg_restore --clean) and an embedded data
 * directory is kept aside as <DATA_DIR>.before-restore-<time>, never deleted.
 */
export async function restore(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const force = args.includes('--force');
  const given = args.find((a) => !a.startsWith('--'));
  if (!given) throw new Refusal('thiếu tên tệp sao lưu: npm run restore -- <tệp>', 'missing backup file: npm run restore -- <file>');
  const file = resolve(given);
  if (!existsSync(file)) throw new Refusal(`không thấy tệp ${file}`, `${file} not found`);
  const target = configured(env);
  const kind = file.endsWith('.pgdump') ? 'postgres' : /\.(tar\.gz|tgz)$/.test(file) ? 'pglite' : undefined;
  if (!kind) throw new Refusal('tệp phải là .pgdump (PostgreSQL) hoặc .tar.gz (cơ sở dữ liệu nhúng)', 'the file must be a .pgdump (PostgreSQL) or a .tar.gz (embedded database)');
  if (kind !== target.engine) {
    throw new Refusal(
      kind === 'pglite'
        ? 'đây là bản sao lưu của cơ sở dữ liệu nhúng mà DATABASE_URL đang trỏ tới PostgreSQL: hãy khôi phục vào DATA_DIR rồi dùng npm run db:move'
        : 'đây là bản sao lưu PostgreSQL mà chưa đặt DATABASE_URL',
      kind === 'pglite' ? 'an embedded backup while DATABASE_URL names PostgreSQL: restore it into DATA_DIR, then npm run db:move' : 'a PostgreSQL backup while DATABASE_URL is not set',
    );
  }

  if (target.engine === 'postgres') {
    const database = createDatabase({ kind: 'postgres', url: target.url, max: 1 });
    const before = await applicationRowCount(database.db).finally(() => database.close());
    if (before > 0 && !force) throw new Refusal(`cơ sở dữ liệu đích đang có ${before} dòng; thêm --force để thay thế`, `the target database holds ${before} rows; add --force to replace them`);
    execFileSync(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '-d', target.url, file], { stdio: ['ignore', 'inherit', 'inherit'] });
    const after = createDatabase({ kind: 'postgres', url: target.url, max: 1 });
    const rows = await applicationRowCount(after.db).finally(() => after.close());
    say(`Đã khôi phục ${file} vào PostgreSQL: ${rows} dòng.`, `Restored ${file} into PostgreSQL: ${rows} rows.`);
    return;
  }

  const dir = target.dataDir;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    await refuseIfEmbeddedServerRuns(env);
    const current = durablePglite(dir);
    const before = await applicationRowCount(drizzle(current, { schema })).finally(() => current.close());
    if (before > 0 && !force) throw new Refusal(`thư mục dữ liệu ${dir} đang có ${before} dòng; thêm --force để thay thế`, `${dir} holds ${before} rows; add --force to replace them`);
    const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
    renameSync(dir, aside);
    say(`Dữ liệu cũ được giữ lại ở ${aside}.`, `The previous data is kept in ${aside}.`);
  }
  const pg = durablePglite(dir, new Blob([readFileSync(file)]));
  try {
    await pg.waitReady;
    flushDataDir(dir);
    const rows = await applicationRowCount(drizzle(pg, { schema }));
    say(`Đã khôi phục ${file} vào ${dir}: ${rows} dòng.`, `Restored ${file} into ${dir}: ${rows} rows.`);
  } finally {
    await pg.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runCli(() => restore(process.argv.slice(2)));
