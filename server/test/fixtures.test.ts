import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { validateResponse } from '../../survey-forms/src';
import { getCampaignDetail } from '../services/campaigns';
import { loadCampaignContext } from '../services/campaign-context';
import { createTestDatabase } from './harness';
import { createFixtureCampaign, makeResponse } from './fixtures';

describe('test fixtures', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('creates a campaign whose generated responses pass the shared validator', async () => {
    const f = await createFixtureCampaign(database.db);
    const agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
    expect(validateResponse(f.own, makeResponse(f.own, f.campaignId, [agencies[0] as string]), { unitIds: [agencies[0] as string] })).toEqual([]);
    expect(validateResponse(f.cross, makeResponse(f.cross, f.campaignId, agencies, 'E'), { unitIds: agencies })).toEqual([]);
    const xa = f.unitIds['XA-01'] as string;
    expect(validateResponse(f.citizen, makeResponse(f.citizen, f.campaignId, [xa], '4'), { unitIds: [xa] })).toEqual([]);
    // A missing required cell in the matrix is caught.
    const partial = makeResponse(f.cross, f.campaignId, agencies);
    partial.answers.pop();
    expect(validateResponse(f.cross, partial, { unitIds: agencies }).map((p) => p.code)).toEqual(['answer.required']);
  });

  it('reads back the campaign with units, quotas and current questionnaires', async () => {
    const f = await createFixtureCampaign(database.db, { status: 'draft' });
    const detail = await getCampaignDetail(database.db, f.campaignId, { id: 'x', username: 'a', role: 'admin' });
    expect(detail.status).toBe('draft');
    expect(detail.units.map((u) => u.code)).toEqual(['SO-NV', 'SO-TC', 'SO-TP', 'XA-01', 'XA-02']);
    expect(detail.quotas).toHaveLength(8);
    expect(detail.questionnaires.map((q) => q.id).sort()).toEqual([f.citizen.id, f.cross.id, f.own.id].sort());
    const ctx = await loadCampaignContext(database.db, f.campaignId);
    expect(ctx.questionnaires.size).toBe(3);
    expect(ctx.groups.get('cong_chuc')?.weight).toBe(1);
  });
});
