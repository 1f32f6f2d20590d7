import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from './harness';
import { appPerTest } from './per-test';
import { auth } from './requests';

/** GET /api/audit: administrative actions, newest first, admins only, never a password. */
let t: TestApp;
let admin: { token: string; userId: string };

// Each test on its own fresh database.
const freshApp = appPerTest();
beforeEach(async () => {
  t = freshApp();
  admin = await t.tokenFor('admin', 'quan.tri');
});

describe('audit log', () => {
  it('records who created and disabled an account, newest first, without the password', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: auth(admin.token), payload: { username: 'nguyen.kiem', password: 'mat-khau-bi-mat-9', role: 'collector' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    await t.app.inject({ method: 'POST', url: `/api/users/${id}/disable`, headers: auth(admin.token) });
    const res = await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(admin.token) });
    expect(res.statusCode).toBe(200);
    const entries = res.json() as { at: string; actor: string; action: string; target: string }[];
    expect(entries.slice(0, 2).map((e) => [e.actor, e.action, e.target])).toEqual([
      ['quan.tri', 'user.disable', `user:${id}`],
      ['quan.tri', 'user.create', `user:${id}`],
    ]);
    expect(res.body).not.toContain('mat-khau-bi-mat-9');
  });

  it('is for admins only', async () => {
    const analyst = await t.tokenFor('analyst');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(analyst.token) })).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).json()).toMatchObject({ status: 401 });
  });
});
