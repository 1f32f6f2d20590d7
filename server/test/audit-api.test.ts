import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../services/audit';
import type { TestApp } from './harness';
import { appPerTest } from './per-test';
import { auth } from './requests';
import { createDraft, detailOf, publishForms, upload, UNITS_POST_2025_CSV } from './setup-helpers';

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

  it('names each target as people know it now, the id kept beside it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: auth(admin.token), payload: { username: 'tran.phu', displayName: 'Trần Thị Tân Phú', password: 'mat-khau-ban-dau', role: 'collector' } });
    const userId = created.json().id as string;
    const campaignId = await createDraft(t, admin.token);
    // Renamed after it was created: the log shows today's name for both entries.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${campaignId}`, headers: auth(admin.token), payload: { name: 'Khảo sát CCHC tỉnh năm 2026' } })).statusCode).toBe(200);
    const forms = await publishForms(t, admin.token, 'ten');
    expect((await upload(t, admin.token, `/api/campaigns/${campaignId}/units/import`, UNITS_POST_2025_CSV)).statusCode).toBe(200);
    const unit = (await detailOf(t, admin.token, campaignId)).units.find((u: { code: string }) => u.code === 'XA-02') as { id: string };
    const issued = await t.app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/integration-tokens`, headers: auth(admin.token), payload: { label: 'Phần mềm chỉ số của tỉnh' } });
    expect(issued.statusCode, issued.body).toBe(201);
    // Kinds no route records today, and targets that no longer exist (or never did).
    const gone = randomUUID();
    await recordAudit(t.app.db, { actor: null, action: 'test.unit', target: `unit:${unit.id}` });
    await recordAudit(t.app.db, { actor: null, action: 'test.gone', target: `campaign:${gone}` });
    await recordAudit(t.app.db, { actor: null, action: 'test.odd', target: 'user:not-a-uuid' });
    const entries = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(admin.token) })).json() as { action: string; target: string; targetName: string | null }[];
    const named = (action: string) => entries.filter((e) => e.action === action).map((e) => [e.target, e.targetName]);
    expect(named('user.create')).toEqual([[`user:${userId}`, 'Trần Thị Tân Phú (tran.phu)']]);
    expect(named('campaign.create')).toEqual([[`campaign:${campaignId}`, 'Khảo sát CCHC tỉnh năm 2026']]);
    expect(named('campaign.update')).toEqual([[`campaign:${campaignId}`, 'Khảo sát CCHC tỉnh năm 2026']]);
    expect(named('questionnaire.publish')).toContainEqual([`questionnaire:${forms.ownXa.id}@1`, 'Phiếu khảo sát công chức cấp xã (v1)']);
    expect(named('integration_token.issue')).toEqual([[`integration_token:${issued.json().id as string}`, 'Phần mềm chỉ số của tỉnh']]);
    expect(named('test.unit')).toEqual([[`unit:${unit.id}`, 'Xã Tân Phú (XA-02)']]);
    expect(named('test.gone')).toEqual([[`campaign:${gone}`, null]]);
    expect(named('test.odd')).toEqual([['user:not-a-uuid', null]]);
  });

  it('is for admins only', async () => {
    const analyst = await t.tokenFor('analyst');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(analyst.token) })).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await t.app.inject({ method: 'GET', url: '/api/audit' })).json()).toMatchObject({ status: 401 });
  });
});
