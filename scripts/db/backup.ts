import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/pglite';
import { createDatabase } from '../../db/client';
import { durablePglite } from '../../db/pglite-durable';
import * as schema from '../../db/schema';
import { configured, pgTool, Refusal, refuseIfEmbeddedServerRuns, runCli, say } from './common';
import { applicationRowCount } from './tables';

/**
 * `npm run backup [-- <file>] [--force]`: a full copy of the database the configuration names
 * (DATABASE_URL or DATA_DIR, as the server reads them). PostgreSQL: `pg_dump -Fc` (a
 * `.pgdump`, restorable by pg_restore, live while the service runs). Embedded: the data
 * directory as a gzip tarball (`.tar.gz`, PGlite's own dumpDataDir), with the service stopped.
 * Default file: backups/par-<engine>-<UTC time>.<ext>. Never overwrites a file without --force.
 */
export async function backup(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const force = args.includes('--force');
  const target = configured(env);
  const ext = target.engine === 'postgres' ? 'pgdump' : 'tar.gz';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = resolve(args.find((a) => !a.startsWith('--')) ?? join('backups', `par-${target.engine}-${stamp}.${ext}`));
  if (existsSync(file) && !force) throw new Refusal(`tệp ${file} đã có; chọn tên khác hoặc thêm --force để ghi đè`, `${file} exists; choose another name or add --force to overwrite`);
  mkdirSync(dirname(file), { recursive: true });

  if (target.engine === 'postgres') {
    execFileSync(pgTool('pg_dump'), ['-Fc', '--no-owner', '--no-privileges', '-f', file, '-d', target.url], { stdio: ['ignore', 'inherit', 'inherit'] });
    const database = createDatabase({ kind: 'postgres', url: target.url, max: 1 });
    const rows = await applicationRowCount(database.db).finally(() => database.close());
    say(`Đã sao lưu cơ sở dữ liệu PostgreSQL (${rows} dòng) vào ${file} (${kib(file)} KiB).`, `Backed up the PostgreSQL database (${rows} rows) to ${file}.`);
    return file;
  }

  if (!existsSync(join(target.dataDir, 'PG_VERSION'))) throw new Refusal(`không có cơ sở dữ liệu nhúng trong ${target.dataDir}`, `no embedded database in ${target.dataDir}`);
  await refuseIfEmbeddedServerRuns(env);
  const pg = durablePglite(target.dataDir);
  try {
    await pg.waitReady;
    const rows = await applicationRowCount(drizzle(pg, { schema }));
    const tarball = await pg.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()), { flush: true });
    say(`Đã sao lưu cơ sở dữ liệu nhúng (${rows} dòng) vào ${file} (${kib(file)} KiB).`, `Backed up the embedded database (${rows} rows) to ${file}.`);
  } finally {
    await pg.close();
  }
  return file;
}

const kib = (file: string) => Math.ceil(statSync(file).size / 1024);

if (import.meta.url === `file://${process.argv[1]}`) void runCli(async () => void (await backup(process.argv.slice(2))));
