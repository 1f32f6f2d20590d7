import { withTransaction } from '../../db/client';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { throttleFailures } from '../../db/schema';
import { buildApp } from '../app';
import { issueInvitations } from '../services/invitations';
import { INVITATION_ALL } from '../services/throttle';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/**
 * Sessions end when they must, and guessing stays hopeless without slowing honest people
 * (docs/SECURITY.md "Sessions", "Guessing"). Throttle state is in the database: a second app
 * node on the same database sees it. Both engines.
 */
let t: TestApp;
let f: FixtureCampaign;
const PASSWORD = 'mat-khau-thu-nghiem';
const login = (username: string, password: string, ip: string, app: FastifyInstance = t.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username, password } });
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await buildTestApp();
  f = await createFixtureCampaign(t.database.db, { status: 'open' });
});
afterAll(() => t.close());

describe('sessions', () => {
  it('changing a password revokes every token issued before, the one used to change it included', async () => {
    const user = await t.tokenFor('collector', 'doi-mat-khau');
    const other = (await login('doi-mat-khau', PASSWORD, '10.1.0.1')).json().token as string;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${user.token}` },
      payload: { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-dai' },
    });
    expect(res.statusCode).toBe(200);
    for (const old of [user.token, other]) expect((await me(old)).json()).toMatchObject({ status: 401, code: 'auth.token_invalid' });
    const fresh = await login('doi-mat-khau', 'mat-khau-moi-dai', '10.1.0.1');
    expect((await me(fresh.json().token)).statusCode).toBe(200);
  });

  it('disabling an account revokes its tokens, and they stay dead', async () => {
    const admin = await t.tokenFor('admin');
    const user = await t.tokenFor('analyst');
    await t.app.inject({ method: 'POST', url: `/api/users/${user.userId}/disable`, headers: { authorization: `Bearer ${admin.token}` } });
    expect((await me(user.token)).json().code).toBe('auth.token_invalid');
  });
});

describe('wrong passwords', () => {
  it('back off per account whatever the address, with Retry-After; a correct password then waits too', async () => {
    await t.tokenFor('analyst', 'bi-do-mat-khau');
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await login('bi-do-mat-khau', `sai-${i}`, `10.2.0.${i}`)).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    const blocked = await login('bi-do-mat-khau', PASSWORD, '10.2.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('back off per address across accounts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await login(`khong-co-${i}`, 'sai', '10.3.0.1')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    // Another address is not affected.
    expect((await login('khong-co-x', 'sai', '10.3.0.2')).statusCode).toBe(401);
  });

  it('never count correct passwords: 12 logins a minute from one address all succeed (10 was the old limit), and a success clears the account', { timeout: 180_000 }, async () => {
    await t.tokenFor('collector', 'dang-nhap-nhieu');
    for (let i = 0; i < 9; i++) expect((await login('dang-nhap-nhieu', 'sai', '10.4.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 12; i++) expect((await login('dang-nhap-nhieu', PASSWORD, '10.4.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('dang-nhap-nhieu', 'sai', '10.4.0.2')).statusCode).toBe(401);
  });

  it('are remembered in the database: another app node on it refuses the same account', async () => {
    await t.tokenFor('analyst', 'hai-may-chu');
    for (let i = 0; i < 10; i++) await login('hai-may-chu', 'sai', '10.5.0.1');
    const second = await buildApp({
      database: t.database,
      config: { TOKEN_TTL: '1h', PWA_DIST: './pwa/dist', LOG_LEVEL: 'silent', PUBLIC_URL: undefined, TRUST_PROXY: false },
      jwtSecret: randomBytes(32).toString('hex'),
      logger: false,
    });
    try {
      expect((await login('hai-may-chu', PASSWORD, '10.5.0.9', second)).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
});

describe('invitation codes', () => {
  it('60 colleagues behind one office address all open their valid codes in the same minute', async () => {
    const codes = await t.app.invitationPepper().then((pepper) => withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 60 })));
    for (const code of codes) {
      const res = await t.app.inject({ method: 'GET', url: `/api/invitations/${code}`, remoteAddress: '10.6.0.1' });
      expect(res.statusCode).toBe(200);
    }
  });

  it('wrong codes on look-up and on sync share one budget per address: the 21st is 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await t.app.inject({ method: 'GET', url: `/api/invitations/AAAAA-BBBB${i}`, remoteAddress: '10.7.0.1' })).statusCode);
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': `CCCCC-DDDD${i}` }, payload: { responses: [] }, remoteAddress: '10.7.0.1' });
      statuses.push(res.statusCode);
    }
    expect(statuses.every((s) => s === 404)).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/invitations/AAAAA-EEEEE', remoteAddress: '10.7.0.1' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('under a spread-out attack (10 000 wrong codes an hour from everywhere) each address may fail once an hour', async () => {
    await t.database.db
      .insert(throttleFailures)
      .values({ scope: INVITATION_ALL.scope, key: '*', failures: INVITATION_ALL.maxFailures, windowStart: new Date() })
      .onConflictDoUpdate({ target: [throttleFailures.scope, throttleFailures.key], set: { failures: INVITATION_ALL.maxFailures, windowStart: new Date() } });
    const [valid] = await t.app.invitationPepper().then((pepper) => withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, f.campaignId, { group: 'dai_bieu_hdnd', count: 1 })));
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${valid}`, remoteAddress: '10.8.0.1' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/invitations/FFFFF-GGGGG', remoteAddress: '10.8.0.1' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${valid}`, remoteAddress: '10.8.0.1' })).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${valid}`, remoteAddress: '10.8.0.2' })).statusCode).toBe(200);
  });

  it('stores addresses only as keyed hashes', async () => {
    const rows = await t.database.db.select().from(throttleFailures);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).not.toMatch(/^10\.|:/);
  });
});
