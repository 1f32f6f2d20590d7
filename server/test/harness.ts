import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../db/client';
import { buildApp } from '../app';
import type { Role } from '../plugins/auth';
import { createUser } from '../services/users';

/**
 * One database test suite, two engines (STYLE.md practice 7): with TEST_DATABASE_URL set
 * every test database is a fresh PostgreSQL database made for the caller and dropped after;
 * otherwise an in-memory PGlite. Migrations run once per database, from db/migrations.
 */
export const TEST_ENGINE: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export async function createTestDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = createDatabase({ kind: 'pglite' });
    await database.migrate();
    return database;
  }
  const name = `par_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = createDatabase({ kind: 'postgres', url: url.toString(), max: 8 });
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** A bearer token for a fresh user of that role. */
  tokenFor(role: Role, username?: string): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function buildTestApp(database?: Database): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const app = await buildApp({
    database: db,
    config: { TOKEN_TTL: '1h', PWA_DIST: process.env.TEST_PWA_DIST ?? './pwa/dist', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false },
    jwtSecret: randomBytes(32).toString('hex'),
    logger: false,
  });
  await app.ready();
  return {
    app,
    database: db,
    async tokenFor(role, username) {
      const user = await createUser(db.db, { username: username ?? `${role}-${process.pid}-${++userCounter}`, password: 'mat-khau-thu-nghiem', role });
      return { token: app.signToken(user), userId: user.id };
    },
    async close() {
      await app.close();
      if (!database) await db.close();
    },
  };
}
