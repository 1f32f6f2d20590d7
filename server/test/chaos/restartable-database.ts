import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '../../../db/client';
import { scratchPostgres } from '../harness';

/**
 * A database that survives closing and reopening, for the server restart of the chaos
 * test: PGlite in a temporary data directory, or (TEST_DATABASE_URL set) a fresh
 * PostgreSQL database kept until `destroy`.
 */
export interface RestartableDatabase {
  open(): Promise<Database>;
  destroy(): Promise<void>;
}

export async function restartableDatabase(): Promise<RestartableDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'par-chaos-'));
    return {
      async open() {
        const database = createDatabase({ kind: 'pglite', dataDir });
        await database.migrate();
        return database;
      },
      async destroy() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const scratch = await scratchPostgres(adminUrl, 'par_chaos');
  return {
    async open() {
      const database = createDatabase({ kind: 'postgres', url: scratch.url, max: 8 });
      await database.migrate();
      return database;
    },
    destroy: () => scratch.drop(),
  };
}
