import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import { createDatabase, MIGRATIONS_DIR, type Database } from '../../db/client';

/**
 * Migrating a database costs seconds; copying a migrated one costs a fraction of that. So the
 * committed migrations run once into a template, and every test database is a copy of it:
 * - PostgreSQL: a template database, copied with CREATE DATABASE … TEMPLATE.
 * - PGlite: the migrated data directory dumped to a file, loaded into each new in-memory
 *   instance (`loadDataDir`; as fast as `clone()` here and it gives a plain PGlite).
 * The test run's global setup (server/test/global-setup.ts) makes the template once and passes
 * its name to the workers in the environment; a process started outside the runner (a
 * benchmark script) makes its own on first use.
 */
export const TEMPLATE_DATABASE_ENV = 'PAR_TEST_TEMPLATE_DATABASE';
export const PGLITE_DUMP_ENV = 'PAR_TEST_PGLITE_DUMP';

const quiet = { max: 1, onnotice: () => {} } as const;

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates and migrates a template database on the PostgreSQL server; answers its name and how to drop it. */
export async function makePostgresTemplate(adminUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `par_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, quiet);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = createDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, name), max: 1 });
  await database.migrate();
  await database.close(); // a template cannot be copied while anyone is connected to it
  return {
    name,
    async drop() {
      const dropper = postgres(adminUrl, quiet);
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Migrates an in-memory PGlite and writes its data directory to a file; answers the file and how to remove it. */
export async function makePgliteTemplate(): Promise<{ file: string; remove(): void }> {
  const file = join(tmpdir(), `par-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  const client = new PGlite();
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
  const dump = await client.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  return { file, remove: () => rmSync(file, { force: true }) };
}

let ownPostgresTemplate: Promise<string> | undefined;
let pgliteDump: Promise<Blob> | undefined;

function postgresTemplate(adminUrl: string): Promise<string> {
  const given = process.env[TEMPLATE_DATABASE_ENV];
  if (given) return Promise.resolve(given);
  // Outside the test runner: one template for this process, dropped when it exits cleanly.
  ownPostgresTemplate ??= makePostgresTemplate(adminUrl).then((template) => {
    process.once('beforeExit', () => void template.drop());
    return template.name;
  });
  return ownPostgresTemplate;
}

function pgliteTemplateDump(): Promise<Blob> {
  pgliteDump ??= (async () => {
    const given = process.env[PGLITE_DUMP_ENV];
    if (given) return new Blob([readFileSync(given)]);
    const template = await makePgliteTemplate();
    const blob = new Blob([readFileSync(template.file)]);
    template.remove();
    return blob;
  })();
  return pgliteDump;
}

/** A new database with the committed migrations applied, copied from the template; closing it drops it. */
export async function copyOfTemplate(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = createDatabase({ kind: 'pglite', loadDataDir: await pgliteTemplateDump() });
    await database.db.execute(sql`select 1`); // starts the engine inside the setup hook (see harness.ts)
    return database;
  }
  const template = await postgresTemplate(adminUrl);
  const name = `par_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, quiet);
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const database = createDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, name), max: 8 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = postgres(adminUrl, quiet);
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
