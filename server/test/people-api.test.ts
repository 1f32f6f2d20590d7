import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { ensureFirstAdmin } from '../services/users';
import { createFixtureCampaign } from './fixtures';
import { buildTestApp, createTestDatabase, type TestApp } from './harness';

/** People (issue 8): reset a password, re-enable, the must-change flag, and their audit entries. */
let t: TestApp;
let admin: { token: string; userId: string };
let ip = 0;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.30.0.${++ip}`, payload: { username, password } });
const post = (url: string, payload?: object, token = admin.token) => t.app.inject({ method: 'POST', url, headers: auth(token), ...(payload ? { payload } : {}) });
const audit = async () => (await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(admin.token) })).json() as { action: string; target: string; detail: Record<string, unknown>; actor: string }[];

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.tokenFor('admin');
});
afterAll(() => t.close());

describe('password reset by an admin', () => {
  it('sets the given password, flags it to be changed, and audits without the password', async () => {
    const user = (await post('/api/users', { username: 'ng.van.a', password: 'mat-khau-goc-1', role: 'collector' })).json();
    const res = await post(`/api/users/${user.id}/password`, { password: 'mat-khau-tam-2' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, mustChangePassword: true });
    expect(res.json()).not.toHaveProperty('generatedPassword');
    expect((await login('ng.van.a', 'mat-khau-goc-1')).statusCode).toBe(401);
    const logged = await login('ng.van.a', 'mat-khau-tam-2');
    expect(logged.json().user).toMatchObject({ username: 'ng.van.a', mustChangePassword: true });
    const entry = (await audit()).find((e) => e.action === 'user.password_reset' && e.target === `user:${user.id}`);
    expect(entry).toMatchObject({ detail: { username: 'ng.van.a', generated: false } });
    expect(JSON.stringify(await audit())).not.toContain('mat-khau-tam-2');
  });

  it('generates a password shown once when none is given; changing it clears the flag', async () => {
    const user = (await post('/api/users', { username: 'ng.van.b', password: 'mat-khau-goc-1', role: 'analyst' })).json();
    const res = await post(`/api/users/${user.id}/password`, {});
    const generated = res.json().generatedPassword as string;
    expect(generated.length).toBeGreaterThanOrEqual(12);
    const token = (await login('ng.van.b', generated)).json().token as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })).json()).toMatchObject({ mustChangePassword: true });
    const same = await post('/api/auth/password', { currentPassword: generated, newPassword: generated }, token);
    expect(same.json()).toMatchObject({ status: 400, code: 'user.same_password' });
    expect((await post('/api/auth/password', { currentPassword: generated, newPassword: 'mat-khau-rieng-3' }, token)).statusCode).toBe(200);
    // The change revokes every earlier token, the caller's included: log in with the new password.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })).statusCode).toBe(401);
    const fresh = (await login('ng.van.b', 'mat-khau-rieng-3')).json().token as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(fresh) })).json()).toMatchObject({ mustChangePassword: false });
    const listed = (await t.app.inject({ method: 'GET', url: '/api/users', headers: auth(admin.token) })).json() as { id: string; mustChangePassword: boolean }[];
    expect(listed.find((u) => u.id === user.id)?.mustChangePassword).toBe(false);
    expect((await audit()).find((e) => e.action === 'user.password_change' && e.target === `user:${user.id}`)).toMatchObject({ actor: 'ng.van.b' });
    expect(JSON.stringify(await audit())).not.toContain(generated);
  });

  it('validates the body, refuses non-admins and unknown users', async () => {
    const user = (await post('/api/users', { username: 'ng.van.c', password: 'mat-khau-goc-1', role: 'analyst' })).json();
    expect((await post(`/api/users/${user.id}/password`, { password: 'ngan' })).json()).toMatchObject({ status: 400, errors: [{ path: 'body.password' }] });
    const analyst = (await login('ng.van.c', 'mat-khau-goc-1')).json().token as string;
    expect((await post(`/api/users/${admin.userId}/password`, {}, analyst)).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await post('/api/users/00000000-0000-4000-8000-000000000000/password', {})).json()).toMatchObject({ status: 404, code: 'user.not_found' });
    expect((await post('/api/users/khong-phai-uuid/password', {})).statusCode).toBe(400);
  });
});

describe('disable and re-enable', () => {
  it('re-enables a disabled user, who logs in again with the same password; both audited', async () => {
    const user = (await post('/api/users', { username: 'ng.van.d', password: 'mat-khau-goc-1', role: 'collector' })).json();
    expect((await post(`/api/users/${user.id}/disable`)).json()).toMatchObject({ disabled: true });
    expect((await login('ng.van.d', 'mat-khau-goc-1')).statusCode).toBe(401);
    const res = await post(`/api/users/${user.id}/enable`);
    expect(res.json()).toMatchObject({ id: user.id, disabled: false });
    expect((await login('ng.van.d', 'mat-khau-goc-1')).statusCode).toBe(200);
    const actions = (await audit()).filter((e) => e.target === `user:${user.id}`).map((e) => e.action);
    // Newest first.
    expect(actions).toEqual(['user.enable', 'user.disable', 'user.create']);
    expect((await post('/api/users/00000000-0000-4000-8000-000000000000/enable')).json()).toMatchObject({ status: 404, code: 'user.not_found' });
  });
});

describe('the first admin', () => {
  it('with a generated (printed) password must change it; with a chosen one need not', async () => {
    const generatedDb = await createTestDatabase();
    const chosenDb = await createTestDatabase();
    try {
      const made = await withTransaction(generatedDb.db, (tx) => ensureFirstAdmin(tx, 'admin', undefined));
      const first = await buildTestApp(generatedDb);
      const res = await first.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: made.generatedPassword } });
      expect(res.json().user).toMatchObject({ role: 'admin', mustChangePassword: true });
      await withTransaction(chosenDb.db, (tx) => ensureFirstAdmin(tx, 'admin', 'mat-khau-chon-san'));
      const second = await buildTestApp(chosenDb);
      const res2 = await second.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'mat-khau-chon-san' } });
      expect(res2.json().user).toMatchObject({ mustChangePassword: false });
      await first.close();
      await second.close();
    } finally {
      await generatedDb.close();
      await chosenDb.close();
    }
  });
});

describe('collector assignments', () => {
  it('are audited with the collector and the number of units, in the same transaction', async () => {
    const f = await createFixtureCampaign(t.database.db);
    const user = (await post('/api/users', { username: 'ng.van.e', password: 'mat-khau-goc-1', role: 'collector' })).json();
    const put = (unitIds: string[]) =>
      t.app.inject({ method: 'PUT', url: `/api/campaigns/${f.campaignId}/collectors/${user.id}`, headers: auth(admin.token), payload: { unitIds } });
    expect((await put([f.unitIds['SO-NV'] as string, f.unitIds['XA-01'] as string])).statusCode).toBe(200);
    const entry = (await audit()).find((e) => e.action === 'collectors.assign');
    expect(entry).toMatchObject({ target: `campaign:${f.campaignId}`, detail: { username: 'ng.van.e', units: 2 } });
    // A refused assignment leaves no entry.
    const before = (await audit()).length;
    expect((await put([crypto.randomUUID()])).json()).toMatchObject({ status: 404, code: 'unit.not_found' });
    expect((await audit()).length).toBe(before);
  });
});
