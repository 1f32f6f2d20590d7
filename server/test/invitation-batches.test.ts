import { withTransaction } from '../../db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeCampaignStatus } from '../services/campaigns';
import { createFixtureCampaign, type FixtureCampaign } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/** Invitation batches (issue 8): listed without codes, unused codes voided, closed campaigns said as such. */
let t: TestApp;
let admin: string;
let f: FixtureCampaign;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
let ip = 0;
const lookup = (code: string) => t.app.inject({ method: 'GET', url: `/api/invitations/${code}`, remoteAddress: `10.40.0.${++ip}` });
const issue = async (body: object, campaignId = f.campaignId) => {
  const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/invitations`, headers: auth(admin), payload: body });
  expect(res.statusCode).toBe(201);
  return res.json() as { codes: string[]; batchId: string };
};
const batches = (campaignId = f.campaignId, token = admin) => t.app.inject({ method: 'GET', url: `/api/campaigns/${campaignId}/invitation-batches`, headers: auth(token) });
const voidBatch = (batchId: string, token = admin) =>
  t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitation-batches/${batchId}/void`, headers: auth(token) });

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
  f = await createFixtureCampaign(t.database.db);
});
afterAll(() => t.close());

describe('invitation batches', () => {
  it('lists each issuing with group, unit, counts, time and issuer, newest first, and never a code', async () => {
    const own = await issue({ group: 'cong_chuc', unitId: f.unitIds['SO-NV'], count: 4 });
    const cross = await issue({ group: 'dai_bieu_hdnd', count: 3 });
    const res = await batches();
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expect(list.map((b) => b.id)).toEqual([cross.batchId, own.batchId]);
    expect(list[1]).toMatchObject({ group: 'cong_chuc', unitCode: 'SO-NV', unitName: 'Sở Nội vụ', count: 4, used: 0, unused: 4, voided: 0 });
    expect(list[0]).toMatchObject({ group: 'dai_bieu_hdnd', unitId: null, count: 3, unused: 3 });
    expect(typeof list[0]?.issuedBy).toBe('string');
    const body = res.body.replace(/-/g, '');
    for (const code of [...own.codes, ...cross.codes]) expect(body).not.toContain(code.replace(/-/g, ''));
  });

  it('voids only the unused codes of a batch: they then look up as unknown; used ones stay used; audited', async () => {
    const { codes, batchId } = await issue({ group: 'cong_chuc', unitId: f.unitIds['SO-TC'], count: 3 });
    // One code is used by a respondent first.
    const [used, ...unused] = codes as [string, ...string[]];
    const info = (await lookup(used)).json();
    const answers = info.questionnaire.sections.flatMap((s: { questions: { id: string; required?: boolean; kind: string; options?: { code: string }[]; showIf?: unknown }[] }) =>
      s.questions.filter((q) => q.kind === 'single' && q.required && !q.showIf && q.options).map((q) => ({ unitId: f.unitIds['SO-TC'], questionId: q.id, value: q.options?.[0]?.code })),
    );
    const now = new Date().toISOString();
    const response = { id: crypto.randomUUID(), campaignId: f.campaignId, questionnaireId: info.questionnaire.id, questionnaireVersion: info.questionnaire.version, group: 'cong_chuc', channel: 'self', startedAt: now, completedAt: now, answers };
    const synced = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': used }, payload: { responses: [response] }, remoteAddress: '10.40.1.1' });
    expect(synced.json().results[0]).toMatchObject({ status: 'accepted' });

    const res = await voidBatch(batchId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: batchId, count: 3, used: 1, unused: 0, voided: 2, voidedNow: 2 });
    for (const code of unused) {
      const gone = await lookup(code);
      expect(gone.json()).toMatchObject({ status: 404, code: 'invitation.not_found' });
      expect(gone.json().title).toContain('đã bị hủy');
    }
    expect((await lookup(used)).json()).toMatchObject({ status: 410, code: 'invitation.used' });
    // Voiding again changes nothing.
    expect((await voidBatch(batchId)).json()).toMatchObject({ used: 1, unused: 0, voided: 2, voidedNow: 0 });

    const log = (await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(admin) })).json() as { action: string; detail: Record<string, unknown> }[];
    const voids = log.filter((e) => e.action === 'invitations.void' && e.detail.batchId === batchId);
    expect(voids.map((e) => e.detail.voided)).toEqual([0, 2]);
    expect(log.find((e) => e.action === 'invitations.issue' && e.detail.batchId === batchId)).toMatchObject({ detail: { group: 'cong_chuc', unit: 'SO-TC', count: 3 } });
    for (const code of codes) expect(JSON.stringify(log)).not.toContain(code.replace(/-/g, '').slice(0, 10));
  });

  it('is for admins only, and names unknown batches and campaigns', async () => {
    const analyst = (await t.tokenFor('analyst')).token;
    expect((await batches(f.campaignId, analyst)).json()).toMatchObject({ status: 403 });
    expect((await voidBatch(crypto.randomUUID())).json()).toMatchObject({ status: 404, code: 'invitation.batch_not_found' });
    expect((await batches(crypto.randomUUID())).json()).toMatchObject({ status: 404, code: 'campaign.not_found' });
    const other = await createFixtureCampaign(t.database.db);
    const elsewhere = await issue({ group: 'dai_bieu_hdnd', count: 1 }, other.campaignId);
    // A batch of another campaign is not reachable through this one.
    expect((await voidBatch(elsewhere.batchId)).json()).toMatchObject({ status: 404, code: 'invitation.batch_not_found' });
  });
});

describe('a code of a closed campaign', () => {
  it('answers 410 invitation.campaign_closed in words, while closing and after closing', async () => {
    const c = await createFixtureCampaign(t.database.db);
    const { codes } = await issue({ group: 'dai_bieu_hdnd', count: 1 }, c.campaignId);
    expect((await lookup(codes[0] as string)).statusCode).toBe(200);
    await withTransaction(t.database.db, (tx) => changeCampaignStatus(tx, c.campaignId, 'closing', new Date()));
    const closing = (await lookup(codes[0] as string)).json();
    expect(closing).toMatchObject({ status: 410, code: 'invitation.campaign_closed' });
    expect(closing.detail).toContain('đã kết thúc');
    await withTransaction(t.database.db, (tx) => changeCampaignStatus(tx, c.campaignId, 'closed', new Date()));
    expect((await lookup(codes[0] as string)).json()).toMatchObject({ status: 410, code: 'invitation.campaign_closed' });
  });
});
