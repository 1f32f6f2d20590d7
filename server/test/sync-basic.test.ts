import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { answers, responses, responseUnits } from '../../db/schema';
import type { Response, SyncResult } from '../../survey-forms/src';
import { canonicalResponse, Questionnaire as QuestionnaireSchema } from '../../survey-forms/src';
import { assignCollector, changeCampaignStatus } from '../services/campaigns';
import { publishQuestionnaire } from '../services/questionnaires';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, TEST_NOW, type TestApp } from './harness';
import { syncStatuses } from './requests';

describe('POST /api/sync with a staff token', () => {
  let t: TestApp;
  let admin: string;
  let f: FixtureCampaign;
  let agencies: string[];
  beforeAll(async () => {
    t = await buildTestApp();
    admin = (await t.tokenFor('admin')).token;
    f = await createFixtureCampaign(t.database.db);
    agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
  });
  afterAll(() => t.close());

  const sync = async (token: string, body: unknown) => t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${token}` }, payload: body as object });
  const stored = async (id: string) => (await t.database.db.select().from(responses).where(eq(responses.id, id)))[0];

  it('accepts, then answers a retry duplicate and a changed copy conflict, never overwriting', async () => {
    const r = makeResponse(f.own, f.campaignId, [agencies[0] as string]);
    const first = await sync(admin, { responses: [r] });
    expect(first.statusCode).toBe(200);
    expect(syncStatuses(first.json().results)).toEqual(['accepted']);
    const again = await sync(admin, { responses: [r] });
    expect(syncStatuses(again.json().results)).toEqual(['duplicate']);
    const changed: Response = { ...r, answers: r.answers.map((a) => ({ ...a, value: 'D' })) };
    const conflict = await sync(admin, { responses: [changed] });
    expect(syncStatuses(conflict.json().results)).toEqual(['conflict:sync.conflict']);
    const row = await stored(r.id);
    expect(row?.content).toBe(canonicalResponse(r));
    expect(row?.contentHash).toBe(createHash('sha256').update(canonicalResponse(r)).digest('hex'));
    expect(row?.unitId).toBe(agencies[0]);
  });

  it('treats key order and absent optional fields as the same content', async () => {
    const r = makeResponse(f.own, f.campaignId, [agencies[1] as string]);
    await sync(admin, { responses: [r] });
    const reordered = Object.fromEntries(Object.entries(r).reverse());
    expect(syncStatuses((await sync(admin, { responses: [reordered] })).json().results)).toEqual(['duplicate']);
  });

  it('rejects one bad item in words naming the question and unit, and stores the others', async () => {
    const good = makeResponse(f.own, f.campaignId, [agencies[0] as string]);
    const badOption = makeResponse(f.own, f.campaignId, [agencies[0] as string]);
    (badOption.answers[0] as Response['answers'][number]).value = 'Z';
    const res = await sync(admin, { responses: [{ id: 'not-a-uuid', answers: 3 }, badOption, good, 42] });
    const results: SyncResult[] = res.json().results;
    expect(syncStatuses(results)).toEqual(['rejected:sync.invalid_response', 'rejected:sync.invalid_response', 'accepted', 'rejected:sync.invalid_response']);
    expect(results[0]?.detail).toContain('id');
    expect(results[1]?.detail).toBe('Câu "Công tác chỉ đạo CCHC" cho Sở Nội vụ (SO-NV): Phương án không hợp lệ: Z.');
    expect(await stored(badOption.id)).toBeUndefined();
    expect(await stored(good.id)).toBeDefined();
  });

  it('refuses text and times PostgreSQL cannot store per item, keeping the rest of the batch', async () => {
    const nul = { ...makeResponse(f.own, f.campaignId, [agencies[0] as string]), comment: 'a\u0000b' };
    const surrogate = { ...makeResponse(f.own, f.campaignId, [agencies[0] as string]), comment: 'x\ud800y' };
    const fine = { ...makeResponse(f.own, f.campaignId, [agencies[0] as string]), comment: 'Góp ý: "\\u0000" và 😀 đều được' };
    const yearZero = { ...makeResponse(f.own, f.campaignId, [agencies[0] as string]), startedAt: '0000-01-01T00:00:00Z' };
    const res = await sync(admin, { responses: [nul, surrogate, fine, yearZero] });
    expect(syncStatuses(res.json().results)).toEqual(['rejected:sync.invalid_response', 'rejected:sync.invalid_response', 'accepted', 'rejected:sync.invalid_response']);
    expect((await stored(fine.id))?.comment).toBe(fine.comment);
    expect((await stored(fine.id))?.content).toBe(canonicalResponse(fine));
  });

  it('stores answer cells with the scoring semantics: choice for single choice, value for others, nulls for blanks', async () => {
    const r = makeResponse(f.citizen, f.campaignId, [f.unitIds['XA-01'] as string], '4');
    r.answers.push({ unitId: f.unitIds['XA-01'] as string, questionId: 'so_lan', value: 3 });
    const res = await sync(admin, { responses: [r] });
    expect(syncStatuses(res.json().results)).toEqual(['accepted']);
    const rows = await t.database.db.select().from(answers).where(eq(answers.responseId, r.id)).orderBy(answers.seq);
    expect(rows).toHaveLength(r.answers.length);
    expect(rows.slice(0, 5).map((a) => [a.choice, a.value])).toEqual(Array.from({ length: 5 }, () => ['4', null]));
    expect(rows[5]).toMatchObject({ questionId: 'so_lan', choice: null, value: 3, groupCode: 'nguoi_dan', campaignId: f.campaignId });
    const [kind] = await t.database.db
      .select({ k: sql<string>`jsonb_typeof(${answers.value})` })
      .from(answers)
      .where(sql`${answers.responseId} = ${r.id} and ${answers.seq} = 5`);
    expect(kind?.k).toBe('number');

    const blank = makeResponse(f.cross, f.campaignId, agencies, 'E');
    blank.answers.push({ unitId: null, questionId: 'y_kien', value: '' });
    expect(syncStatuses((await sync(admin, { responses: [blank] })).json().results)).toEqual(['accepted']);
    const last = await t.database.db.select().from(answers).where(eq(answers.responseId, blank.id)).orderBy(answers.seq);
    expect(last.at(-1)).toMatchObject({ questionId: 'y_kien', unitId: null, choice: null, value: null });
    expect((await stored(blank.id))?.unitId).toBeNull();
    const rated = await t.database.db.select().from(responseUnits).where(eq(responseUnits.responseId, blank.id));
    expect(rated.map((x) => x.unitId).sort()).toEqual([...agencies].sort());
  });

  it('accepts every published version and refuses unknown ones', async () => {
    const v2 = QuestionnaireSchema.parse({ ...f.own, version: 2, title: `${f.own.title} (sửa đổi)` });
    await publishQuestionnaire(t.database.db, v2, null);
    const old = makeResponse(f.own, f.campaignId, [agencies[0] as string]);
    const current = makeResponse(v2, f.campaignId, [agencies[0] as string]);
    const unknown = { ...makeResponse(f.own, f.campaignId, [agencies[0] as string]), questionnaireVersion: 9 };
    const res = await sync(admin, { responses: [old, current, unknown] });
    expect(syncStatuses(res.json().results)).toEqual(['accepted', 'accepted', 'rejected:sync.unknown_questionnaire']);
  });

  it('resolves a repeated id inside one batch against its first occurrence', async () => {
    const r = makeResponse(f.own, f.campaignId, [agencies[2] as string]);
    const other = { ...r, channel: 'paper' as const };
    const res = await sync(admin, { responses: [r, r, other] });
    expect(syncStatuses(res.json().results)).toEqual(['accepted', 'duplicate', 'conflict:sync.conflict']);
    expect((await stored(r.id))?.channel).toBe('self');
  });

  it('ends concurrent identical submissions with one row and every caller told success', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => makeResponse(f.cross, f.campaignId, agencies, i % 2 ? 'A' : 'B'));
    const replies = await Promise.all(Array.from({ length: 4 }, () => sync(admin, { responses: batch })));
    for (const reply of replies) expect(reply.statusCode).toBe(200);
    for (let i = 0; i < batch.length; i++) {
      const seen = replies.map((reply) => (reply.json().results as SyncResult[])[i]?.status);
      expect(seen.filter((s) => s === 'accepted')).toHaveLength(1);
      expect(seen.filter((s) => s === 'duplicate')).toHaveLength(3);
    }
    const ids = batch.map((r) => r.id);
    const [n] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(responses).where(sql`${responses.id} in ${ids}`);
    expect(n?.n).toBe(20);
    const [cells] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(answers).where(sql`${answers.responseId} in ${ids}`);
    expect(cells?.n).toBe(batch.reduce((s, r) => s + r.answers.length, 0));
  });

  it('limits collectors to their units and refuses analysts and anonymous callers', async () => {
    const collector = await t.tokenFor('collector');
    await withTransaction(t.database.db, (tx) => assignCollector(tx, f.campaignId, collector.userId, [agencies[0] as string]));
    const mine = makeResponse(f.own, f.campaignId, [agencies[0] as string]);
    const theirs = makeResponse(f.own, f.campaignId, [agencies[1] as string]);
    const matrix = makeResponse(f.cross, f.campaignId, agencies);
    const res = await sync(collector.token, { responses: [mine, theirs, matrix] });
    expect(syncStatuses(res.json().results)).toEqual(['accepted', 'rejected:sync.unit_out_of_scope', 'rejected:sync.unit_out_of_scope']);
    expect((await stored(mine.id))?.submittedBy).toBe(collector.userId);

    const analyst = await t.tokenFor('analyst');
    const refused = await sync(analyst.token, { responses: [] });
    expect(refused.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/sync', payload: { responses: [] } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });

  it('follows the campaign status: draft refuses, closing takes only earlier forms, closed refuses all but retries', async () => {
    const c = await createFixtureCampaign(t.database.db, { status: 'draft' });
    const unit = c.unitIds['SO-NV'] as string;
    const early = makeResponse(c.own, c.campaignId, [unit]);
    expect(syncStatuses((await sync(admin, { responses: [early] })).json().results)).toEqual(['rejected:campaign.not_open']);
    await withTransaction(t.database.db, (tx) => changeCampaignStatus(tx, c.campaignId, 'open', new Date(TEST_NOW)));
    const accepted = makeResponse(c.own, c.campaignId, [unit]);
    expect(syncStatuses((await sync(admin, { responses: [accepted] })).json().results)).toEqual(['accepted']);
    await withTransaction(t.database.db, (tx) => changeCampaignStatus(tx, c.campaignId, 'closing', new Date(TEST_NOW)));
    const late = { ...makeResponse(c.own, c.campaignId, [unit]), completedAt: new Date(Date.now() + 60_000).toISOString() };
    expect(syncStatuses((await sync(admin, { responses: [early, late] })).json().results)).toEqual(['accepted', 'rejected:sync.completed_after_closing']);
    await withTransaction(t.database.db, (tx) => changeCampaignStatus(tx, c.campaignId, 'closed', new Date(TEST_NOW)));
    const after = makeResponse(c.own, c.campaignId, [unit]);
    // A retry whose first reply was lost still hears duplicate, so the device can delete it.
    expect(syncStatuses((await sync(admin, { responses: [after, accepted] })).json().results)).toEqual(['rejected:campaign.closed', 'duplicate']);
  });

  it('answers whole-request problems for bodies that are not a batch', async () => {
    const tooMany = await sync(admin, { responses: Array.from({ length: 201 }, () => ({})) });
    expect(tooMany.statusCode).toBe(400);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, payload: '{"responses": [' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe('request.malformed_json');
    const unknownCampaign = { ...makeResponse(f.own, f.campaignId, [agencies[0] as string]), campaignId: '00000000-0000-4000-8000-000000000000' };
    expect(syncStatuses((await sync(admin, { responses: [unknownCampaign] })).json().results)).toEqual(['rejected:campaign.not_found']);
  });
});
