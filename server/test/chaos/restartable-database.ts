import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../../db/client';

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
  const name = `par_chaos_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    async open() {
      const database = createDatabase({ kind: 'postgres', url: url.toString(), max: 8 });
      await database.migrate();
      return database;
    },
    async destroy() {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
