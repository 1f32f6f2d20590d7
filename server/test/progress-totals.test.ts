import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../../db/schema';
import { progressTotals } from '../../pwa/routes/console/progress-totals';
import type { ProgressReply } from '../../pwa/routes/console/types';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/**
 * Issue 8: the console's total line and the API's response count agree. The unit rows count
 * a cross-evaluation response once per unit it rates; the totals count it once.
 */
let t: TestApp;
let admin: string;
let f: FixtureCampaign;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
  f = await createFixtureCampaign(t.database.db);
  const agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
  const items = [
    ...Array.from({ length: 3 }, () => makeResponse(f.cross, f.campaignId, agencies)),
    ...Array.from({ length: 2 }, (_, i) => makeResponse(f.own, f.campaignId, [agencies[i] as string])),
  ];
  const res = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${admin}` }, payload: { responses: items } });
  expect(res.json().results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
});
afterAll(() => t.close());

describe('progress totals', () => {
  it('the console total equals the stored response count, overall and per group', async () => {
    const reply = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${f.campaignId}/progress`, headers: { authorization: `Bearer ${admin}` } })).json() as ProgressReply;
    const [stored] = await t.database.db.select({ n: count() }).from(responses).where(eq(responses.campaignId, f.campaignId));
    expect(progressTotals(reply, '').responses).toBe(Number(stored?.n));
    expect(progressTotals(reply, '').responses).toBe(5);
    // What the console used to show: the rows' sum counts each cross response three times.
    expect(reply.units.reduce((s, r) => s + r.responses, 0)).toBe(3 * 3 + 2);
    expect(progressTotals(reply, 'dai_bieu_hdnd')).toEqual({ quota: 12, responses: 3 });
    expect(progressTotals(reply, 'cong_chuc')).toEqual({ quota: 15, responses: 2 });
    expect(progressTotals(reply, '').quota).toBe(reply.units.reduce((s, r) => s + r.quota, 0));
  });
});
