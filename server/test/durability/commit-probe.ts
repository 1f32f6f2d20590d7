import { accessSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createDatabase, type Database, MIGRATIONS_DIR } from '../../../db/client';
import * as schema from '../../../db/schema';
import { buildApp } from '../../app';
import { createUser } from '../../services/users';
import { createFixtureCampaign, makeResponse } from '../fixtures';

/**
 * Run by commit-flush.test.ts under strace: opens the embedded database in argv[2] ("durable":
 * as the server does; "stock": PGlite as shipped, the control), then posts one response to
 * /api/sync between two marker system calls (access() of a path that cannot exist) so the
 * trace shows which flushes happened between the request and its reply.
 */
const [mode, dataDir] = process.argv.slice(2) as ['durable' | 'stock', string];

function marker(name: string): void {
  try {
    accessSync(`/nonexistent-par-marker-${name}`);
  } catch {
    // Expected: only the system call matters.
  }
}

async function open(): Promise<Database> {
  if (mode === 'durable') return createDatabase({ kind: 'pglite', dataDir });
  const client = new PGlite(dataDir);
  const db = drizzle(client, { schema });
  return { db, engine: 'pglite', migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_DIR }), close: () => client.close() };
}

const database = await open();
await database.migrate();
const app = await buildApp({
  database,
  config: { TOKEN_TTL: '1h', PWA_DIST: './pwa/dist', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false },
  jwtSecret: 'x'.repeat(64),
  logger: false,
});
await app.ready();
const admin = await createUser(database.db, { username: 'probe-admin', password: 'mat-khau-thu-nghiem', role: 'admin' });
const token = app.signToken(admin);
const f = await createFixtureCampaign(database.db);
const response = makeResponse(f.own, f.campaignId, [f.unitIds['SO-NV'] as string]);

marker('request');
const reply = await app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${token}` }, payload: { responses: [response] } });
marker('reply');
const status = (reply.json() as { results: { status: string }[] }).results[0]?.status;
await app.close();
await database.close();
process.stdout.write(JSON.stringify({ status }) + '\n');
