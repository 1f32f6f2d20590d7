import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../db/client';
import { invitations, responses } from '../../db/schema';
import type { Response } from '../../survey-forms/src';
import { changeCampaignStatus } from '../services/campaigns';
import { CODE_ALPHABET, hashCode, normalizeCode } from '../services/invitation-codes';
import { issueInvitations } from '../services/invitations';
import { readInvitationPepper } from '../services/secrets';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, TEST_NOW, type TestApp } from './harness';
import { syncStatuses } from './requests';

describe('invitations: issue, look up, answer once', () => {
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

  const issue = (body: object, campaignId = f.campaignId) =>
    t.app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/invitations`, headers: { authorization: `Bearer ${admin}` }, payload: body });
  const codesFor = async (body: object): Promise<string[]> => {
    const res = await issue(body);
    expect(res.statusCode).toBe(201);
    return res.json().codes;
  };
  const syncWith = (code: string, list: unknown[], ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': code }, payload: { responses: list }, remoteAddress: ip });

  it('issues typable 50-bit codes shown once and stores only their hashes', async () => {
    const codes = await codesFor({ group: 'cong_chuc', unitId: agencies[0], count: 50 });
    expect(codes).toHaveLength(50);
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(code).not.toMatch(/[ILOU]/);
    }
    expect(CODE_ALPHABET).toHaveLength(32);
    const rows = await t.database.db.select().from(invitations).where(eq(invitations.campaignId, f.campaignId));
    const stored = JSON.stringify(rows);
    for (const code of codes) {
      expect(stored).not.toContain(code.replace('-', ''));
      expect(stored).not.toContain(code);
    }
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.codeHash) && r.used === false)).toBe(true);
  });

  it('normalises what people type: case, spaces, dashes, O for 0 and I or L for 1', () => {
    expect(normalizeCode(' ab1c0-DEFGH ')).toBe('AB1C0DEFGH');
    expect(normalizeCode('abIcO defgh')).toBe('AB1C0DEFGH');
    expect(normalizeCode('ABLC0-DEFGH')).toBe('AB1C0DEFGH');
    expect(normalizeCode('ABCDE-FGHU1')).toBeNull();
    expect(normalizeCode('ABCDE')).toBeNull();
  });

  it('needs a unit for own-unit forms and refuses one for cross forms', async () => {
    expect((await issue({ group: 'cong_chuc', count: 1 })).json()).toMatchObject({ status: 400, code: 'validation.failed' });
    expect((await issue({ group: 'dai_bieu_hdnd', unitId: agencies[0], count: 1 })).statusCode).toBe(400);
    expect((await issue({ group: 'cong_chuc', unitId: f.unitIds['XA-01'], count: 1 })).statusCode).toBe(400);
    expect((await issue({ group: 'lanh_dao_phong', count: 1 })).statusCode).toBe(400);
    expect((await issue({ group: 'cong_chuc', unitId: agencies[0], count: 5001 })).statusCode).toBe(400);
    expect((await issue({ group: 'cong_chuc', unitId: '00000000-0000-4000-8000-000000000000', count: 1 })).statusCode).toBe(404);
    const analyst = await t.tokenFor('analyst');
    const refused = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitations`, headers: { authorization: `Bearer ${analyst.token}` }, payload: { group: 'dai_bieu_hdnd', count: 1 } });
    expect(refused.statusCode).toBe(403);
  });

  it('tells a respondent what to answer, then 410 once used, and consumes the code exactly once', async () => {
    const [code] = await codesFor({ group: 'dai_bieu_hdnd', count: 1 });
    const typed = (code as string).toLowerCase().replace('-', ' ');
    const info = await t.app.inject({ method: 'GET', url: `/api/invitations/${encodeURIComponent(typed)}`, remoteAddress: '10.0.1.1' });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ campaignId: f.campaignId, group: 'dai_bieu_hdnd', questionnaire: { id: f.cross.id, version: 1 } });
    expect(info.json().units.map((u: { id: string }) => u.id).sort()).toEqual([...agencies].sort());

    const r = makeResponse(f.cross, f.campaignId, agencies);
    const second = makeResponse(f.cross, f.campaignId, agencies, 'B');
    const first = await syncWith(code as string, [r, second]);
    expect(syncStatuses(first.json().results)).toEqual(['accepted', 'rejected:invitation.used']);
    // The reply was lost: the device retries the same response with the now-used code.
    expect(syncStatuses((await syncWith(code as string, [r])).json().results)).toEqual(['duplicate']);
    expect(syncStatuses((await syncWith(code as string, [second])).json().results)).toEqual(['rejected:invitation.used']);
    const used = await t.app.inject({ method: 'GET', url: `/api/invitations/${code}`, remoteAddress: '10.0.1.1' });
    expect(used.statusCode).toBe(410);
    expect(used.json().code).toBe('invitation.used');
    // Held until the mix (docs/PRIVACY.md), then stored; the code stays used either way.
    expect(await t.database.db.select().from(responses).where(eq(responses.id, r.id))).toEqual([]);
    await t.app.ballotMixer.run('all');
    expect(syncStatuses((await syncWith(code as string, [r])).json().results)).toEqual(['duplicate']);
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${code}`, remoteAddress: '10.0.1.1' })).statusCode).toBe(410);
    const row = (await t.database.db.select().from(responses).where(eq(responses.id, r.id)))[0];
    expect(row?.submittedBy).toBeNull();
    expect(row?.groupCode).toBe('dai_bieu_hdnd');
  });

  it('keeps the stored response unlinkable to its code: the invitation keeps a flag, no time', async () => {
    const columns = Object.keys((await t.database.db.select().from(invitations).limit(1))[0] ?? {});
    expect(columns.sort()).toEqual(['batchId', 'campaignId', 'codeHash', 'createdAt', 'groupCode', 'id', 'unitId', 'unitType', 'used']);
    const [code] = await codesFor({ group: 'cong_chuc', unitId: agencies[2], count: 1 });
    const r = makeResponse(f.own, f.campaignId, [agencies[2] as string]);
    expect(syncStatuses((await syncWith(code as string, [r])).json().results)).toEqual(['accepted']);
    await t.app.ballotMixer.run('all');
    const [inv] = await t.database.db.select().from(invitations).where(eq(invitations.codeHash, hashCode(normalizeCode(code as string) as string, await readInvitationPepper(t.database.db))));
    const stored = JSON.stringify((await t.database.db.select().from(responses).where(eq(responses.id, r.id)))[0]);
    expect(stored).not.toContain((code as string).replace('-', ''));
    expect(stored).not.toContain(inv?.codeHash);
    expect(stored).not.toContain(inv?.id);
    expect(Object.keys(JSON.parse(stored)).filter((c) => /invit/i.test(c))).toEqual([]);
  });

  it('lets only one of two racing responses use a code', async () => {
    const [code] = await codesFor({ group: 'cong_chuc', unitId: agencies[1], count: 1 });
    const a = makeResponse(f.own, f.campaignId, [agencies[1] as string], 'A');
    const b = makeResponse(f.own, f.campaignId, [agencies[1] as string], 'B');
    const replies = await Promise.all([syncWith(code as string, [a]), syncWith(code as string, [b])]);
    const all = replies.flatMap((x) => syncStatuses(x.json().results)).sort();
    expect(all).toEqual(['accepted', 'rejected:invitation.used']);
    await t.app.ballotMixer.run('all');
    const [n] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(responses).where(sql`${responses.id} in ${[a.id, b.id]}`);
    expect(n?.n).toBe(1);
  });

  it('holds a code to its campaign, group and unit', async () => {
    const [code] = await codesFor({ group: 'cong_chuc', unitId: agencies[0], count: 1 });
    const otherUnit = makeResponse(f.own, f.campaignId, [agencies[2] as string]);
    const otherGroup = makeResponse(f.cross, f.campaignId, agencies);
    const other = await createFixtureCampaign(t.database.db);
    const otherCampaign: Response = makeResponse(other.own, other.campaignId, [other.unitIds['SO-NV'] as string]);
    const res = await syncWith(code as string, [otherUnit, otherGroup, otherCampaign]);
    expect(syncStatuses(res.json().results)).toEqual(['rejected:sync.unit_out_of_scope', 'rejected:invitation.scope', 'rejected:invitation.scope']);
    // Rejections do not consume the code: the right response still goes through.
    const right = makeResponse(f.own, f.campaignId, [agencies[0] as string]);
    expect(syncStatuses((await syncWith(code as string, [right])).json().results)).toEqual(['accepted']);
  });

  it('leaves the code unused when its first response is refused, so a later one in the batch may use it', async () => {
    const c = await createFixtureCampaign(t.database.db);
    const units = ['SO-NV', 'SO-TC', 'SO-TP'].map((x) => c.unitIds[x] as string);
    const pepper = await readInvitationPepper(t.database.db);
    const [code] = await withTransaction(t.database.db, (tx) => issueInvitations(tx, pepper, c.campaignId, { group: 'dai_bieu_hdnd', count: 1 }));
    const early = makeResponse(c.cross, c.campaignId, units);
    await withTransaction(t.database.db, (tx) => changeCampaignStatus(tx, c.campaignId, 'closing', new Date(TEST_NOW)));
    const late = { ...makeResponse(c.cross, c.campaignId, units), completedAt: new Date(Date.now() + 60_000).toISOString() };
    const res = await syncWith(code as string, [late, early]);
    expect(syncStatuses(res.json().results)).toEqual(['rejected:sync.completed_after_closing', 'accepted']);
  });

  it('answers unknown codes 404 and throttles guessing on sync and look-up', async () => {
    const r = makeResponse(f.cross, f.campaignId, agencies);
    const unknown = await syncWith('ZZZZZ-ZZZZZ', [r], '10.9.9.9');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('invitation.not_found');
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await syncWith(`ZZZZZ-ZZZ${CODE_ALPHABET[i]}${CODE_ALPHABET[i]}`, [r], '10.9.9.8')).statusCode;
    expect(last).toBe(429);
    const codes: number[] = [];
    let retryAfter: unknown;
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/invitations/AAAAA-AAAA${CODE_ALPHABET[i]}`, remoteAddress: '10.8.8.8' });
      codes.push(res.statusCode);
      retryAfter = res.headers['retry-after'];
    }
    expect(codes.slice(0, 20).every((c) => c === 404)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('prints an A4 sheet of slips with code, link and QR code, for this campaign only', async () => {
    const codes = await codesFor({ group: 'cong_chuc', unitId: agencies[0], count: 3 });
    const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitations/sheet`, headers: { authorization: `Bearer ${admin}`, host: 'khaosat.test' }, payload: { codes } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('Sở Nội vụ');
    for (const code of codes) {
      expect(html).toContain(code);
      expect(html).toContain(`http://khaosat.test/r/${code.replace('-', '')}`);
    }
    expect(html.match(/<svg/g)).toHaveLength(3);
    const other = await createFixtureCampaign(t.database.db);
    const foreign = await t.app.inject({ method: 'POST', url: `/api/campaigns/${other.campaignId}/invitations/sheet`, headers: { authorization: `Bearer ${admin}` }, payload: { codes } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('invitation.not_found');
  });
});
