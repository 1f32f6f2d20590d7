import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../app';
import { errorSerializer } from '../log-errors';
import { createUser } from '../services/users';
import { createTestDatabase } from './harness';
import type { Database } from '../../db/client';
import type { FastifyInstance } from 'fastify';

/**
 * A failed query is logged without what was sent with it: before, a failed POST /api/users
 * logged the new password hash (drizzle's "params: …" message) and PostgreSQL's "Failing row
 * contains (…)". Both engines.
 */
let database: Database;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({
    database,
    config: { TOKEN_TTL: '1h', PWA_DIST: './pwa/dist', LOG_LEVEL: 'info', PUBLIC_URL: undefined, TRUST_PROXY: false },
    jwtSecret: randomBytes(32).toString('hex'),
    logger: loggerOptions('info', { write: (line) => void lines.push(line) }),
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('error log lines', () => {
  it('a failed POST /api/users logs the fault (500) but neither the password, its hash nor the username', async () => {
    const admin = await createUser(database.db, { username: 'log-admin', password: 'mat-khau-thu-nghiem', role: 'admin' });
    // A fault the request cannot cause: every insert into users now fails inside PostgreSQL.
    await database.db.execute(sql.raw(`create function refuse_users() returns trigger language plpgsql as $$ begin raise exception 'users are read-only today'; end $$`));
    await database.db.execute(sql.raw(`create trigger refuse_users before insert on users for each row execute function refuse_users()`));
    const res = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${app.signToken(admin)}` },
      payload: { username: 'secret-username', password: 'Bi-mat-tuyet-doi-1', role: 'analyst', displayName: 'Tên bí mật' },
    });
    expect(res.statusCode).toBe(500);
    const errorLines = lines.filter((l) => l.includes('unhandled error'));
    expect(errorLines).toHaveLength(1);
    const logged = errorLines.join('\n');
    expect(logged).toContain('users are read-only today');
    expect((JSON.parse(errorLines[0] as string) as { err: { query: string } }).err.query).toContain('insert into "users"');
    for (const secret of ['scrypt$', 'Bi-mat-tuyet-doi-1', 'secret-username', 'Tên bí mật', 'params:']) expect(logged).not.toContain(secret);
  });

  it('keeps type, code, constraint and SQL, and drops parameters, rows and the message lines of the stack', () => {
    const cause = Object.assign(new Error('new row violates check constraint "users_role_check"'), {
      code: '23514',
      constraint_name: 'users_role_check',
      detail: 'Failing row contains (1, secret-username, scrypt$32768$8$1$salt$hash).',
      parameters: ['secret-username', 'scrypt$32768$8$1$salt$hash'],
    });
    const err = new DrizzleQueryError('insert into "users" ("username", "password_hash") values ($1, $2)', ['secret-username', 'scrypt$32768$8$1$salt$hash'], cause);
    const out = errorSerializer(err);
    const text = JSON.stringify(out);
    expect(text).not.toContain('secret-username');
    expect(text).not.toContain('scrypt$');
    expect(out).toMatchObject({ query: 'insert into "users" ("username", "password_hash") values ($1, $2)', causes: [{ code: '23514', constraint_name: 'users_role_check' }] });
    expect(out.stack).toMatch(/^\s+at /);
  });
});
