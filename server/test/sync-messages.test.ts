import { withTransaction } from '../../db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../survey-forms/src';
import { assignCollector } from '../services/campaigns';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';

/** Issue 8: a refused cross-evaluation interview says in words what to fix, not a wall of ids. */
let t: TestApp;
let f: FixtureCampaign;
let collector: { token: string; userId: string };
const sync = (token: string, responses: unknown[]) =>
  t.app.inject({ method: 'POST', url: '/api/sync', headers: { authorization: `Bearer ${token}` }, payload: { responses } });
const uuidLike = /[0-9a-f]{8}-[0-9a-f]{4}-/;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createFixtureCampaign(t.database.db);
  collector = await t.tokenFor('collector');
  // Assigned one agency only: a cross form about agencies needs all three.
  await withTransaction(t.database.db, (tx) => assignCollector(tx, f.campaignId, collector.userId, [f.unitIds['SO-NV'] as string]));
});
afterAll(() => t.close());

describe('rejections in plain Vietnamese', () => {
  it('a cross interview that rates no unit says so and what to do, without ids', async () => {
    const empty = makeResponse(f.cross, f.campaignId, []);
    const [result] = (await sync(collector.token, [empty])).json().results as SyncResult[];
    expect(result).toMatchObject({ status: 'rejected', code: 'sync.invalid_response' });
    expect(result?.detail).toContain('không đánh giá đơn vị nào');
    expect(result?.detail).toContain('tất cả 3 đơn vị sở, ban, ngành');
    expect(result?.detail).toContain('Đề nghị quản trị viên phân công');
    expect(result?.detail).not.toMatch(uuidLike);
  });

  it('a cross interview missing units names them', async () => {
    const partial = makeResponse(f.cross, f.campaignId, [f.unitIds['SO-NV'] as string]);
    const [result] = (await sync(collector.token, [partial])).json().results as SyncResult[];
    expect(result?.detail).toContain('còn thiếu 2 đơn vị');
    expect(result?.detail).toContain('Sở Tài chính');
    expect(result?.detail).not.toMatch(uuidLike);
  });

  it('a unit outside the assignment is named', async () => {
    const theirs = makeResponse(f.own, f.campaignId, [f.unitIds['SO-TC'] as string]);
    const [result] = (await sync(collector.token, [theirs])).json().results as SyncResult[];
    expect(result).toMatchObject({ status: 'rejected', code: 'sync.unit_out_of_scope' });
    expect(result?.detail).toContain('Sở Tài chính (SO-TC) không được phân công');
    expect(result?.detail).not.toMatch(uuidLike);
  });
});
