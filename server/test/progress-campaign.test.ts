import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

describe('GET /api/campaigns/:id/progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('counts responses per unit and group against quota, a cross form once for each unit it rates', async () => {
    const admin = (await t.tokenFor('admin')).token;
    const f = await createFixtureCampaign(t.database.db);
    const u = f.unitIds as Record<'SO-NV' | 'SO-TC' | 'SO-TP' | 'XA-01' | 'XA-02', string>;
    const agencies = [u['SO-NV'], u['SO-TC'], u['SO-TP']];
    const batch = [
      makeResponse(f.own, f.campaignId, [u['SO-NV']]),
      makeResponse(f.own, f.campaignId, [u['SO-NV']], 'B'),
      makeResponse(f.own, f.campaignId, [u['SO-TC']]),
      makeResponse(f.cross, f.campaignId, agencies),
      makeResponse(f.cross, f.campaignId, agencies, 'C'),
      makeResponse(f.cross, f.campaignId, agencies, 'E'),
      makeResponse(f.citizen, f.campaignId, [u['XA-01']], '5'),
    ];
    const sent = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${admin}` }, payload: { responses: batch } });
    expect(sent.json().results.map((r: { status: string }) => r.status)).toEqual(Array(7).fill('accepted'));
    // Another campaign's responses must not leak into this one's figures.
    const other = await createFixtureCampaign(t.database.db);
    await t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${admin}` }, payload: { responses: [makeResponse(other.own, other.campaignId, [other.unitIds['SO-NV'] as string])] } });

    const analyst = (await t.tokenFor('analyst')).token;
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/progress`, headers: { authorization: `Bearer ${analyst}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const cell = (code: string, group: string) => body.units.find((x: { code: string; group: string }) => x.code === code && x.group === group);
    expect(cell('SO-NV', 'cong_chuc')).toMatchObject({ unitId: u['SO-NV'], name: 'Sở Nội vụ', quota: 5, responses: 2 });
    expect(cell('SO-TC', 'cong_chuc')).toMatchObject({ quota: 5, responses: 1 });
    expect(cell('SO-TP', 'cong_chuc')).toMatchObject({ quota: 5, responses: 0 });
    for (const code of ['SO-NV', 'SO-TC', 'SO-TP']) expect(cell(code, 'dai_bieu_hdnd')).toMatchObject({ quota: 4, responses: 3 });
    expect(cell('XA-01', 'nguoi_dan')).toMatchObject({ quota: 10, responses: 1 });
    expect(cell('XA-02', 'nguoi_dan')).toMatchObject({ quota: 10, responses: 0 });
    expect(body.units).toHaveLength(8);
    expect(body.totals).toEqual({ quota: 3 * 5 + 3 * 4 + 2 * 10, responses: 7 });
    expect(body.groups).toEqual([
      { group: 'cong_chuc', quota: 15, responses: 3 },
      { group: 'dai_bieu_hdnd', quota: 12, responses: 3 },
      { group: 'nguoi_dan', quota: 20, responses: 1 },
    ]);
  });

  it('is for admins and analysts only, and 404 for an unknown campaign', async () => {
    const f = await createFixtureCampaign(t.database.db);
    const collector = (await t.tokenFor('collector')).token;
    const refused = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/progress`, headers: { authorization: `Bearer ${collector}` } });
    expect(refused.statusCode).toBe(403);
    const admin = (await t.tokenFor('admin')).token;
    const missing = await t.app.inject({ method: 'GET', url: '/api/campaigns/00000000-0000-4000-8000-000000000000/progress', headers: { authorization: `Bearer ${admin}` } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('campaign.not_found');
    const empty = await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/progress`, headers: { authorization: `Bearer ${admin}` } });
    expect(empty.json().totals).toEqual({ quota: 47, responses: 0 });
  });
});
