import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../services/users';
import { buildTestApp, type TestApp } from './harness';

describe('auth and health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await createUser(t.database.db, { username: 'nguyen.van.a', password: 'đúng-mật-khẩu', role: 'analyst' });
  });
  afterAll(() => t.close());

  it('answers health once migrated', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.engine });
  });

  it('logs in with the right password and returns the role', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nguyen.van.a', password: 'đúng-mật-khẩu' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'nguyen.van.a', role: 'analyst' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.json()).toMatchObject({ username: 'nguyen.van.a', role: 'analyst' });
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nguyen.van.a', password: 'sai' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'auth.invalid_credentials' });
  });

  it('lists field paths for an invalid body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 42 } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.password']));
  });

  it('rejects malformed JSON and a forged token without a 500', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.json()).toMatchObject({ status: 400, code: 'request.malformed_json' });
    const forged = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.json()).toMatchObject({ status: 401, code: 'auth.token_invalid' });
    const none = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(none.json()).toMatchObject({ status: 401, code: 'auth.required' });
  });

  it('throttles repeated wrong passwords for one account, with Retry-After', async () => {
    const codes: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username: 'x', password: 'y' } });
      codes.push(res.statusCode);
      retryAfter = res.headers['retry-after'];
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
