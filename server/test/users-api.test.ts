import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from './harness';
import { appPerTest } from './per-test';
import { auth } from './requests';

/** User routes: admins create, list and disable staff; everyone changes their own password. */
let t: TestApp;
let admin: { token: string; userId: string };
let ip = 0;
// Each login from its own address, so the login rate limit never interferes with these tests.
const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `10.20.0.${++ip}`, payload: { username, password } });
const createUser = (body: object, token = admin.token) => t.app.inject({ method: 'POST', url: '/api/users', headers: auth(token), payload: body });

// Each test on its own fresh database.
const freshApp = appPerTest();
beforeEach(async () => {
  t = freshApp();
  admin = await t.tokenFor('admin');
});

describe('users', () => {
  it('creates a user who can log in; a taken username is 409', async () => {
    const res = await createUser({ username: 'tran.thi.b', password: 'mật-khẩu-dài', role: 'collector', displayName: 'Trần Thị B' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'tran.thi.b', role: 'collector', displayName: 'Trần Thị B', disabled: false });
    expect(res.json()).not.toHaveProperty('passwordHash');
    expect((await login('tran.thi.b', 'mật-khẩu-dài')).statusCode).toBe(200);
    const again = await createUser({ username: 'tran.thi.b', password: 'khac-hoan-toan', role: 'analyst' });
    expect(again.json()).toMatchObject({ status: 409, code: 'user.exists' });
  });

  it('validates the body by path', async () => {
    const res = await createUser({ username: 'Có Dấu', password: 'ngắn', role: 'boss' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.password', 'body.role', 'body.username']);
  });

  it('lists users for admins only', async () => {
    await createUser({ username: 'le.van.c', password: 'mat-khau-123', role: 'analyst' });
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: auth(admin.token) });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((u: { username: string }) => u.username)).toContain('le.van.c');
    const analyst = (await login('le.van.c', 'mat-khau-123')).json().token as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: auth(analyst) })).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await createUser({ username: 'x.y.z', password: 'mat-khau-123', role: 'admin' }, analyst)).statusCode).toBe(403);
  });

  it('disables a user: the token stops working at once and login fails', async () => {
    const created = (await createUser({ username: 'pham.d', password: 'mat-khau-123', role: 'analyst' })).json();
    const token = (await login('pham.d', 'mat-khau-123')).json().token as string;
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: `/api/users/${created.id}/disable`, headers: auth(admin.token) });
    expect(res.json()).toMatchObject({ id: created.id, disabled: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth(token) })).json()).toMatchObject({ status: 401, code: 'auth.token_invalid' });
    expect((await login('pham.d', 'mat-khau-123')).statusCode).toBe(401);
  });

  it('refuses disabling oneself and unknown users', async () => {
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${admin.userId}/disable`, headers: auth(admin.token) })).json()).toMatchObject({ status: 403 });
    expect((await t.app.inject({ method: 'POST', url: '/api/users/00000000-0000-4000-8000-000000000000/disable', headers: auth(admin.token) })).json()).toMatchObject({ status: 404, code: 'user.not_found' });
  });

  it('changes one\'s own password only with the current one', async () => {
    await createUser({ username: 'vo.e', password: 'mat-khau-cu-1', role: 'collector' });
    const token = (await login('vo.e', 'mat-khau-cu-1')).json().token as string;
    const change = (currentPassword: string, newPassword: string) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: auth(token), payload: { currentPassword, newPassword } });
    expect((await change('sai-mat-khau', 'mat-khau-moi-2')).json()).toMatchObject({ status: 403, code: 'user.wrong_password' });
    expect((await change('mat-khau-cu-1', 'ngan')).json()).toMatchObject({ status: 400, errors: [{ path: 'body.newPassword' }] });
    const ok = await change('mat-khau-cu-1', 'mat-khau-moi-2');
    expect(ok.json()).toEqual({ changed: true });
    expect((await login('vo.e', 'mat-khau-cu-1')).statusCode).toBe(401);
    expect((await login('vo.e', 'mat-khau-moi-2')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'a', newPassword: 'bbbbbbbb' } })).statusCode).toBe(401);
  });
});
