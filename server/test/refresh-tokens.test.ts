import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { auditLog, refreshTokens } from '../../db/schema';
import type { StaffSession } from '../../survey-forms/src/api';
import { durationSeconds, loadConfig } from '../config';
import { REFRESH_ADDRESS } from '../services/throttle';
import { buildTestApp, type TestApp } from './harness';

/**
 * Short access tokens, long single-use refresh tokens (docs/SECURITY.md "Sessions"). Time moves
 * on the app's injected clock (`advanceClock`), never on the real one. Both engines.
 */
let t: TestApp;
const PASSWORD = 'mat-khau-thu-nghiem';
const SECOND = 1000;
const DAY = 86_400 * SECOND;
let ip = 0;
/** Each test its own address, so the refresh throttle of one never touches another. */
const nextIp = () => `10.20.${Math.floor(++ip / 250)}.${ip % 250}`;

const login = async (username: string, password = PASSWORD, remoteAddress = nextIp()) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });
  expect(res.statusCode).toBe(200);
  return res.json<StaffSession>();
};
const refresh = (refreshToken: string, remoteAddress = '10.21.0.1') => t.app.inject({ method: 'POST', url: '/api/auth/refresh', remoteAddress, payload: { refreshToken } });
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
const staffUser = async (role: 'collector' | 'analyst' = 'collector') => {
  const username = `lam-moi-${process.pid}-${++ip}`;
  const { userId } = await t.tokenFor(role, username);
  return { username, userId };
};

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('access tokens', () => {
  it('expire after TOKEN_TTL with auth.token_expired, and a refresh gives a working pair', async () => {
    const { username } = await staffUser();
    const s = await login(username);
    expect(s.expiresIn).toBe(t.app.accessTokenSeconds);
    expect((await me(s.token)).statusCode).toBe(200);

    t.advanceClock(s.expiresIn * SECOND - SECOND);
    expect((await me(s.token)).statusCode).toBe(200);
    t.advanceClock(2 * SECOND);
    expect((await me(s.token)).json()).toMatchObject({ status: 401, code: 'auth.token_expired' });

    const renewed = await refresh(s.refreshToken);
    expect(renewed.statusCode).toBe(200);
    const next = renewed.json<StaffSession>();
    expect(next.refreshToken).not.toBe(s.refreshToken);
    expect(next.user).toMatchObject({ username, role: 'collector' });
    expect((await me(next.token)).statusCode).toBe(200);
  });

  it('a forged token is invalid, never "expired", however old its claims', async () => {
    const { username } = await staffUser();
    const s = await login(username);
    const [header, payload] = s.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    t.advanceClock(s.expiresIn * SECOND + SECOND);
    expect((await me(forged)).json().code).toBe('auth.token_invalid');
  });
});

describe('refresh tokens', () => {
  it('rotate on every use: the one used dies', async () => {
    const { username } = await staffUser();
    const s = await login(username);
    const first = await refresh(s.refreshToken);
    expect(first.statusCode).toBe(200);
    const second = await refresh(first.json<StaffSession>().refreshToken);
    expect(second.statusCode).toBe(200);
    expect(second.json<StaffSession>().refreshToken).not.toBe(first.json<StaffSession>().refreshToken);
  });

  it('a rotated token presented again revokes its whole login, and is audited without the token', async () => {
    const { username, userId } = await staffUser();
    const phone = await login(username);
    const laptop = await login(username);
    const stolen = phone.refreshToken;
    const rotated = (await refresh(stolen)).json<StaffSession>().refreshToken;

    const reuse = await refresh(stolen);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'auth.refresh_invalid' });
    // The family is gone: the legitimate successor too.
    expect((await refresh(rotated)).json().code).toBe('auth.refresh_invalid');
    // Another login of the same account (another device) is a separate family and lives on.
    expect((await refresh(laptop.refreshToken)).statusCode).toBe(200);

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.target, `user:${userId}`));
    const reuseEntries = audit.filter((a) => a.action === 'auth.refresh_reuse');
    expect(reuseEntries).toHaveLength(1);
    expect(reuseEntries[0]?.detail).toEqual({ username });
    const everything = JSON.stringify(audit);
    for (const token of [stolen, rotated, createHash('sha256').update(stolen).digest('hex')]) expect(everything).not.toContain(token);
  });

  it('two requests racing with one token: one wins, the other is reuse (why the phone refreshes once at a time)', async () => {
    const { username } = await staffUser();
    const s = await login(username);
    const [a, b] = await Promise.all([refresh(s.refreshToken), refresh(s.refreshToken)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 401]);
    const winner = (a.statusCode === 200 ? a : b).json<StaffSession>();
    expect((await refresh(winner.refreshToken)).json().code).toBe('auth.refresh_invalid');
  });

  it('expire when unused for REFRESH_TOKEN_TTL; each use slides the expiry, up to REFRESH_TOKEN_MAX_AGE after login', async () => {
    const { ttlSeconds, maxAgeSeconds } = t.app.refreshPolicy;
    // Defaults (server/config.ts): 30 days idle, 90 days at most.
    expect([ttlSeconds, maxAgeSeconds]).toEqual([30 * 86_400, 90 * 86_400]);
    const { username } = await staffUser();

    const idle = await login(username);
    t.advanceClock(ttlSeconds * SECOND);
    expect((await refresh(idle.refreshToken)).json().code).toBe('auth.refresh_invalid');

    // Used every 20 days: 20, 40, 60, 80 days after login all work; the 100th-day one would be
    // within 30 days of the last use but past the 90-day cap.
    let token = (await login(username)).refreshToken;
    for (let day = 20; day <= 80; day += 20) {
      t.advanceClock(20 * DAY);
      const res = await refresh(token);
      expect(res.statusCode, `day ${day}`).toBe(200);
      token = res.json<StaffSession>().refreshToken;
    }
    t.advanceClock(10 * DAY - SECOND);
    const lastUseful = await refresh(token);
    expect(lastUseful.statusCode).toBe(200);
    t.advanceClock(2 * SECOND);
    expect((await refresh(lastUseful.json<StaffSession>().refreshToken)).json().code).toBe('auth.refresh_invalid');
  });

  it('an unknown token is refused with auth.refresh_invalid; a malformed body with 400', async () => {
    expect((await refresh('x'.repeat(43))).json()).toMatchObject({ status: 401, code: 'auth.refresh_invalid' });
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: {} })).json()).toMatchObject({ status: 400, code: 'validation.failed' });
  });
});

describe('revocation', () => {
  it('logout revokes the refresh token; logging out again, or with an unknown token, is fine', async () => {
    const { username } = await staffUser();
    const s = await login(username);
    const out = () => t.app.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: s.refreshToken } });
    expect((await out()).json()).toEqual({ loggedOut: true });
    expect((await refresh(s.refreshToken)).json().code).toBe('auth.refresh_invalid');
    expect((await out()).statusCode).toBe(200);
  });

  it('changing one\u2019s password revokes every refresh token of the account', async () => {
    const { username } = await staffUser();
    const phone = await login(username);
    const laptop = await login(username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${laptop.token}` },
      payload: { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-dai' },
    });
    expect(res.statusCode).toBe(200);
    for (const s of [phone, laptop]) expect((await refresh(s.refreshToken)).json().code).toBe('auth.refresh_invalid');
  });

  it('an admin\u2019s password reset and disabling revoke every refresh token of the account', async () => {
    const admin = await t.tokenFor('admin');
    const auth = { authorization: `Bearer ${admin.token}` };
    const reset = await staffUser('analyst');
    const resetSession = await login(reset.username);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${reset.userId}/password`, headers: auth, payload: {} })).statusCode).toBe(200);
    expect((await refresh(resetSession.refreshToken)).json().code).toBe('auth.refresh_invalid');

    const disabled = await staffUser();
    const disabledSession = await login(disabled.username);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${disabled.userId}/disable`, headers: auth })).statusCode).toBe(200);
    expect((await refresh(disabledSession.refreshToken)).json().code).toBe('auth.refresh_invalid');
    // Re-enabling does not bring old sessions back: the owner logs in again.
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${disabled.userId}/enable`, headers: auth })).statusCode).toBe(200);
    expect((await refresh(disabledSession.refreshToken)).json().code).toBe('auth.refresh_invalid');
  });

  it('a token_version raised by any path kills refresh tokens issued under the old one', async () => {
    const { username, userId } = await staffUser();
    const s = await login(username);
    // Directly in the database, as a future code path might: the version check alone refuses it.
    await t.database.db.execute(sql`update users set token_version = token_version + 1 where id = ${userId}`);
    expect((await refresh(s.refreshToken)).json().code).toBe('auth.refresh_invalid');
  });
});

describe('what the database holds', () => {
  it('only SHA-256 hashes of refresh tokens, never a token', async () => {
    const { username, userId } = await staffUser();
    const s = await login(username);
    const rows = await t.database.db.select().from(refreshTokens).where(eq(refreshTokens.userId, userId));
    expect(rows.map((r) => r.tokenHash)).toEqual([createHash('sha256').update(s.refreshToken).digest('hex')]);
    const dump = await queryRows<{ row: string }>(t.database.db, sql`select row_to_json(r)::text as row from refresh_tokens r`);
    expect(dump.map((r) => r.row).join('\n')).not.toContain(s.refreshToken);
  });
});

describe('refresh throttle', () => {
  // More successes than the refusals that would block the address: were successes counted, the last ones would be refused.
  const inARow = REFRESH_ADDRESS.maxFailures + 10;
  it(`successes never count: ${inARow} refreshes in a row from one address all succeed`, async () => {
    const { username } = await staffUser();
    let token = (await login(username)).refreshToken;
    for (let i = 0; i < inARow; i++) {
      const res = await refresh(token, '10.22.0.1');
      expect(res.statusCode).toBe(200);
      token = res.json<StaffSession>().refreshToken;
    }
  });

  it(`after ${REFRESH_ADDRESS.maxFailures} refused tokens an address waits (429 with Retry-After); other addresses do not`, async () => {
    const { username } = await staffUser();
    const good = await login(username);
    for (let i = 0; i < REFRESH_ADDRESS.maxFailures; i++) expect((await refresh(`guess-${i}`, '10.23.0.1')).statusCode).toBe(401);
    const blocked = await refresh(good.refreshToken, '10.23.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('request.rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(REFRESH_ADDRESS.windowSeconds);
    // Refused before the token was looked at: it is still good from elsewhere.
    expect((await refresh(good.refreshToken, '10.23.0.2')).statusCode).toBe(200);
  });
});

describe('configuration', () => {
  it('defaults to 15-minute access tokens and refuses one longer than an hour (an old TOKEN_TTL=14d)', () => {
    const defaults = loadConfig({});
    expect([defaults.TOKEN_TTL, defaults.REFRESH_TOKEN_TTL, defaults.REFRESH_TOKEN_MAX_AGE]).toEqual(['15m', '30d', '90d']);
    expect([durationSeconds('15m'), durationSeconds('1h'), durationSeconds('30d')]).toEqual([900, 3600, 2_592_000]);
    expect(loadConfig({ TOKEN_TTL: '1h' }).TOKEN_TTL).toBe('1h');
    expect(() => loadConfig({ TOKEN_TTL: '14d' })).toThrow(/TOKEN_TTL/);
    expect(() => loadConfig({ REFRESH_TOKEN_TTL: '30 days' })).toThrow(/REFRESH_TOKEN_TTL/);
  });

  it('.env.example is a valid configuration', () => {
    const env = Object.fromEntries(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(loadConfig(env).TOKEN_TTL).toBe('15m');
  });
});
