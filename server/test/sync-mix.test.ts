import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import type { Response, SyncResult } from '../../survey-forms/src';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/**
 * Exactly once through the mix (docs/PRIVACY.md): invitation responses are held, then moved
 * into `responses` by a later transaction. A code is used if and only if its response is held
 * or stored; a retry is a duplicate before and after the mix, and while one runs.
 */
describe('invitation ballots: held, mixed, exactly once', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp(undefined, { mix: { batch: 3 } });
    admin = (await t.tokenFor('admin')).token;
  });
  afterAll(() => t.close());

  const issue = async (f: FixtureCampaign, count: number): Promise<string[]> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitations`, headers: { authorization: `Bearer ${admin}` }, payload: { group: 'dai_bieu_hdnd', count } });
    return res.json().codes;
  };
  const sync = async (code: string, list: Response[]): Promise<string[]> => {
    const res = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': code }, payload: { responses: list } });
    return (res.json().results as SyncResult[]).map((r) => (r.code ? `${r.status}:${r.code}` : r.status));
  };
  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.database.db, query))[0]?.n ?? -1);
  const stored = (campaignId: string) => count(sql`SELECT count(*)::int AS n FROM responses WHERE campaign_id = ${campaignId}`);
  const held = (campaignId: string) => count(sql`SELECT count(*)::int AS n FROM held_ballots WHERE campaign_id = ${campaignId}`);
  /** Codes used: spent while open, folded into the flag once closed. */
  const used = (campaignId: string) =>
    count(sql`SELECT count(*)::int AS n FROM invitations i WHERE i.campaign_id = ${campaignId} AND (i.used OR EXISTS (SELECT 1 FROM spent_invitations s WHERE s.invitation_id = i.id))`);
  const newCampaign = async () => {
    const f = await createFixtureCampaign(t.database.db);
    const agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
    return { f, make: (choice = 'A') => makeResponse(f.cross, f.campaignId, agencies, choice) };
  };

  it('answers a retry duplicate, and another response invitation.used, before and after the mix', async () => {
    const { f, make } = await newCampaign();
    const [code] = await issue(f, 1);
    const r = make();
    const other = { ...r, comment: 'nội dung khác' };
    expect(await sync(code as string, [r])).toEqual(['accepted']);
    for (const phase of ['held', 'mixed']) {
      expect({ phase, results: await sync(code as string, [r, other, make('B')]) }).toEqual({
        phase,
        results: ['duplicate', 'conflict:sync.conflict', 'rejected:invitation.used'],
      });
      expect(await t.app.inject({ method: 'GET', url: `/api/invitations/${code}` }).then((x) => x.statusCode)).toBe(410);
      await t.app.ballotMixer.run('all');
    }
    expect([await stored(f.campaignId), await held(f.campaignId), await used(f.campaignId)]).toEqual([1, 0, 1]);
  });

  it('lets one of many racing tabs use a code while mixes run, and stores its response once', async () => {
    const { f, make } = await newCampaign();
    const [retried, contested] = await issue(f, 2);
    const r = make();
    const rivals = [make('A'), make('B'), make('C'), make('D')];
    const replies = await Promise.all([
      ...Array.from({ length: 4 }, () => sync(retried as string, [r])),
      t.app.ballotMixer.run('all').then(() => ['mix']),
      ...rivals.map((x) => sync(contested as string, [x])),
      t.app.ballotMixer.run('all').then(() => ['mix']),
    ]);
    const first = replies.slice(0, 4).flat().sort();
    expect(first).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    const second = replies.slice(5, 9).flat().sort();
    expect(second).toEqual(['accepted', 'rejected:invitation.used', 'rejected:invitation.used', 'rejected:invitation.used']);
    await t.app.ballotMixer.run('all');
    expect([await stored(f.campaignId), await held(f.campaignId), await used(f.campaignId)]).toEqual([2, 0, 2]);
    expect(await sync(retried as string, [r])).toEqual(['duplicate']);
  });

  it('mixes a campaign once it holds a batch, keeps the others held, and mixes everything when a campaign closes', async () => {
    const a = await newCampaign();
    const b = await newCampaign();
    const codesA = await issue(a.f, 2);
    const codesB = await issue(b.f, 3);
    for (const code of codesA) expect(await sync(code, [a.make()])).toEqual(['accepted']);
    for (const code of codesB) expect(await sync(code, [b.make()])).toEqual(['accepted']);
    await t.app.ballotMixer.settle();
    // B reached the batch of 3 and was mixed; A's two wait (written back by that mix).
    expect([await stored(b.f.campaignId), await held(b.f.campaignId)]).toEqual([3, 0]);
    expect([await stored(a.f.campaignId), await held(a.f.campaignId), await used(a.f.campaignId)]).toEqual([0, 2, 2]);
    // Progress counts stored responses only: a held ballot is not shown alone the moment it arrives.
    const progress = await t.app.inject({ method: 'GET', url: `/api/campaigns/${a.f.campaignId}/progress`, headers: { authorization: `Bearer ${admin}` } });
    expect(progress.json().totals.responses).toBe(0);
    for (const status of ['closing', 'closed']) {
      const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${a.f.campaignId}/status`, headers: { authorization: `Bearer ${admin}` }, payload: { status } });
      expect(res.statusCode).toBe(200);
    }
    expect([await stored(a.f.campaignId), await held(a.f.campaignId), await used(a.f.campaignId)]).toEqual([2, 0, 2]);
    expect(await count(sql`SELECT count(*)::int AS n FROM spent_invitations WHERE campaign_id = ${a.f.campaignId}`)).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM invitations WHERE campaign_id = ${a.f.campaignId} AND used`)).toBe(2);
    // B is still open: its spent codes stay spent.
    expect(await used(b.f.campaignId)).toBe(3);
  });

  it('refuses a staff submission of a held id, as it would a stored one', async () => {
    const { f, make } = await newCampaign();
    const [code] = await issue(f, 1);
    const r = make();
    expect(await sync(code as string, [r])).toEqual(['accepted']);
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${admin}` },
      payload: { responses: [r, { ...r, comment: 'khác' }] },
    });
    expect((staff.json().results as SyncResult[]).map((x) => x.status)).toEqual(['duplicate', 'conflict']);
    await t.app.ballotMixer.run('all');
    expect([await stored(f.campaignId), await used(f.campaignId)]).toEqual([1, 1]);
  });
});
