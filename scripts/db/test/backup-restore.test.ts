import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client';
import { scratchPostgres } from '../../../server/test/harness';
import { freePort } from '../../../server/test/scratch-cluster';
import { npmRun } from './run-npm';
import { everyRow, seedWithResponses } from './seed';

/**
 * `npm run backup` then `npm run restore`, run as docs/OPERATIONS.md writes them, on the engine
 * the suite runs on: every row of every table is back as it was; a target holding data is
 * refused without --force; an existing backup file is not overwritten without --force.
 */
describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'par-backup-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips every row and refuses to overwrite without --force', { timeout: 300_000 }, async () => {
    const adminUrl = process.env.TEST_DATABASE_URL;
    let env: Record<string, string>;
    let open: () => Database;
    const file = join(dir, adminUrl ? 'par.pgdump' : 'par.tar.gz');
    if (adminUrl) {
      const scratch = await scratchPostgres(adminUrl, 'par_backup');
      cleanups.push(() => scratch.drop());
      env = { DATABASE_URL: scratch.url };
      open = () => createDatabase({ kind: 'postgres', url: scratch.url, max: 2 });
    } else {
      const dataDir = join(dir, 'data');
      env = { DATA_DIR: dataDir };
      open = () => createDatabase({ kind: 'pglite', dataDir });
    }
    env.PORT = String(await freePort());

    let database = open();
    await database.migrate();
    await seedWithResponses(database);
    const before = await everyRow(database);
    await database.close();
    expect(before.responses?.length).toBe(36);

    const made = npmRun('backup', [file], env);
    expect(made.output).toContain('Đã sao lưu');
    expect(made.status).toBe(0);
    const again = npmRun('backup', [file], env);
    expect(again.status).toBe(1);
    expect(again.output).toContain('--force');

    // Damage the data after the backup: restore must bring back exactly the backed-up rows.
    database = open();
    await database.db.execute(sql`delete from answers where ctid in (select ctid from answers limit 10)`);
    await database.db.execute(sql`update responses set comment = 'sửa sau sao lưu' where comment is null`);
    await database.close();

    const refused = npmRun('restore', [file], env);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('--force');
    const restored = npmRun('restore', [file, '--force'], env);
    expect(restored.output).toContain('Đã khôi phục');
    expect(restored.status).toBe(0);

    database = open();
    const after = await everyRow(database);
    await database.close();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  });
});
