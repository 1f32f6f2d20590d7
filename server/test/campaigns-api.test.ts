import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, campaignUnits } from '../../db/schema';
import type { CampaignDefinitionInput, QuestionnaireInput } from '../../survey-forms/src';
import { buildTestApp, type TestApp } from './harness';
import { fixtureQuestionnaires } from './fixtures';
import { auth } from './requests';

/** Campaign routes through app.inject: create from a definition, read, move status, assign collectors, move versions. */
let t: TestApp;
let admin: string;
let suffixCounter = 0;


/** Publishes three fresh questionnaires through the API and returns a definition that uses them. */
async function freshDefinition(): Promise<{ def: CampaignDefinitionInput; forms: ReturnType<typeof fixtureQuestionnaires> }> {
  const forms = fixtureQuestionnaires(`api-${process.pid}-${++suffixCounter}`);
  for (const q of [forms.own, forms.cross, forms.citizen]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: auth(admin), payload: q });
    expect(res.statusCode).toBe(201);
  }
  const def: CampaignDefinitionInput = {
    name: `Khảo sát CCHC ${suffixCounter}`,
    year: 2026,
    organizer: 'Sở Nội vụ tỉnh Thử Nghiệm',
    opensAt: '2026-11-01T00:00:00+07:00',
    closesAt: '2026-12-31T23:59:59+07:00',
    index: {
      surveyShare: 10,
      fields: [
        { code: 'F1', name: 'Chỉ đạo điều hành', criteria: [{ code: '1.1', name: 'Chỉ đạo', maxPoints: 4 }] },
        {
          code: 'F2',
          name: 'Thủ tục hành chính',
          criteria: [{ code: '2.1', name: 'Giải quyết TTHC', subCriteria: [{ code: '2.1.1', name: 'Công khai', maxPoints: 3 }, { code: '2.1.2', name: 'Đúng hạn', maxPoints: 3 }] }],
        },
      ],
    },
    groups: [
      { code: 'cong_chuc', name: 'Công chức' },
      { code: 'dai_bieu_hdnd', name: 'Đại biểu HĐND' },
      { code: 'nguoi_dan', name: 'Người dân' },
    ],
    units: [
      { code: 'SO-NV', name: 'Sở Nội vụ', type: 'so' },
      { code: 'SO-TC', name: 'Sở Tài chính', type: 'so' },
      { code: 'XA-01', name: 'Xã Tân Phú', type: 'xa' },
      { code: 'XA-02', name: 'Phường Bến Thành', type: 'xa' },
    ],
    questionnaires: [forms.own, forms.cross, forms.citizen].map((q) => ({ id: q.id, version: q.version })),
    quotas: [
      { unitCode: 'SO-NV', group: 'cong_chuc', target: 5 },
      { unitCode: 'XA-01', group: 'nguoi_dan', target: 20, minRespondents: 5 },
    ],
  };
  return { def, forms };
}

async function create(def: CampaignDefinitionInput): Promise<{ id: string; units: { id: string; code: string }[] }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(admin), payload: def });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function rowCounts(): Promise<[number, number]> {
  const [c] = await t.database.db.select({ n: count() }).from(campaigns);
  const [u] = await t.database.db.select({ n: count() }).from(campaignUnits);
  return [c?.n ?? 0, u?.n ?? 0];
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
});
afterAll(() => t.close());

describe('POST /api/campaigns', () => {
  it('creates a campaign and answers its unit ids by code; GET reads it back', async () => {
    const { def, forms } = await freshDefinition();
    const created = await create(def);
    expect(created.units.map((u) => u.code)).toEqual(['SO-NV', 'SO-TC', 'XA-01', 'XA-02']);

    const list = await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: auth(admin) });
    expect(list.json()).toContainEqual({ id: created.id, name: def.name, year: 2026, status: 'draft', opensAt: '2026-10-31T17:00:00.000Z', closesAt: '2026-12-31T16:59:59.000Z' });

    const detail = await t.app.inject({ method: 'GET', url: `/api/campaigns/${created.id}`, headers: auth(admin) });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    const xa01 = created.units.find((u) => u.code === 'XA-01')?.id;
    expect(body.units).toHaveLength(4);
    expect(body.quotas).toContainEqual({ unitId: xa01, group: 'nguoi_dan', target: 20, minRespondents: 5 });
    expect(body.groups).toContainEqual({ code: 'cong_chuc', name: 'Công chức', weight: 1 });
    expect(body.index.surveyShare).toBe(10);
    expect(body.questionnaires.map((q: { id: string; version: number }) => `${q.id}@${q.version}`).sort()).toEqual(
      [forms.citizen.id, forms.cross.id, forms.own.id].map((id) => `${id}@1`).sort(),
    );
  });

  it('refuses a bad definition with every problem by path, and writes nothing', async () => {
    const { def } = await freshDefinition();
    const before = await rowCounts();
    const bad = structuredClone(def) as unknown as Record<string, unknown> & { quotas: unknown[]; index: { surveyShare: number }; units: Record<string, unknown>[] };
    bad.province = 'Không có trường này';
    bad.quotas.push({ unitCode: 'SO-KHONG-CO', group: 'cong_chuc', target: 3 });
    bad.index.surveyShare = 12;
    bad.units.push({ code: 'SO-NV', name: 'Trùng mã', type: 'so' });
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(admin), payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('validation.failed');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body', 'body.index.surveyShare', 'body.units.4.code', 'body.quotas.2.unitCode']));
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses questionnaires that do not exist or do not fit with 422, and writes nothing', async () => {
    const { def } = await freshDefinition();
    const before = await rowCounts();
    const bad = { ...def, questionnaires: [...def.questionnaires, { id: 'khong-ton-tai', version: 1 }], groups: def.groups.filter((g) => g.code !== 'nguoi_dan') };
    bad.quotas = (def.quotas ?? []).filter((q) => q.group !== 'nguoi_dan');
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(admin), payload: bad });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('definition.invalid');
    expect(res.json().errors).toEqual([
      { path: 'questionnaires.2', message: expect.stringContaining('nguoi_dan') },
      { path: 'questionnaires.3', message: expect.stringContaining('khong-ton-tai') },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it('is for admins only', async () => {
    const { def } = await freshDefinition();
    const analyst = (await t.tokenFor('analyst')).token;
    expect((await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(analyst), payload: def })).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await t.app.inject({ method: 'POST', url: '/api/campaigns', payload: def })).json()).toMatchObject({ status: 401, code: 'auth.required' });
    expect((await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: auth(analyst) })).statusCode).toBe(200);
  });
});

describe('POST /api/campaigns/:id/status', () => {
  it('moves draft → open → closing → closed one step at a time and never back', async () => {
    const { id } = await create((await freshDefinition()).def);
    const step = (status: string) => t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/status`, headers: auth(admin), payload: { status } });
    const skip = await step('closing');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('campaign.invalid_transition');
    for (const status of ['open', 'closing', 'closed']) {
      const res = await step(status);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, status });
    }
    expect((await step('open')).json()).toMatchObject({ status: 409, code: 'campaign.invalid_transition' });
    expect((await step('archived')).json()).toMatchObject({ status: 400, code: 'validation.failed' });
  });

  it('answers 404 for an unknown campaign and 400 for a malformed id', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/campaigns/00000000-0000-4000-8000-000000000000/status', headers: auth(admin), payload: { status: 'open' } });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'campaign.not_found' });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/campaigns/abc', headers: auth(admin) });
    expect(malformed.json()).toMatchObject({ status: 400, code: 'validation.failed' });
  });
});

describe('collectors', () => {
  it('assigns units to a collector, who then sees only those units and their quotas', async () => {
    const { id, units } = await create((await freshDefinition()).def);
    const collector = await t.tokenFor('collector');
    const xa01 = units.find((u) => u.code === 'XA-01')?.id as string;
    const before = await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: auth(collector.token) });
    expect(before.json().map((c: { id: string }) => c.id)).not.toContain(id);

    const put = await t.app.inject({ method: 'PUT', url: `/api/campaigns/${id}/collectors/${collector.userId}`, headers: auth(admin), payload: { unitIds: [xa01, xa01] } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ userId: collector.userId, unitIds: [xa01] });

    const list = await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}/collectors`, headers: auth(admin) });
    expect(list.json()).toEqual([expect.objectContaining({ userId: collector.userId, unitIds: [xa01] })]);

    const mine = await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: auth(collector.token) });
    expect(mine.json().map((c: { id: string }) => c.id)).toContain(id);
    const detail = await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers: auth(collector.token) });
    expect(detail.json().units.map((u: { code: string }) => u.code)).toEqual(['XA-01']);
    expect(detail.json().quotas).toEqual([{ unitId: xa01, group: 'nguoi_dan', target: 20, minRespondents: 5 }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}/collectors`, headers: auth(collector.token) })).statusCode).toBe(403);
  });

  it('refuses units of another campaign, unknown users and non-collectors', async () => {
    const a = await create((await freshDefinition()).def);
    const b = await create((await freshDefinition()).def);
    const collector = await t.tokenFor('collector');
    const analyst = await t.tokenFor('analyst');
    const foreign = b.units[0]?.id as string;
    const put = (userId: string, unitIds: string[]) => t.app.inject({ method: 'PUT', url: `/api/campaigns/${a.id}/collectors/${userId}`, headers: auth(admin), payload: { unitIds } });
    expect((await put(collector.userId, [foreign])).json()).toMatchObject({ status: 404, code: 'unit.not_found' });
    expect((await put(analyst.userId, [a.units[0]?.id as string])).json()).toMatchObject({ status: 409, code: 'user.not_collector' });
    expect((await put('00000000-0000-4000-8000-000000000000', [])).json()).toMatchObject({ status: 404, code: 'user.not_found' });
    expect((await put(collector.userId, ['nope'])).json()).toMatchObject({ status: 400, code: 'validation.failed' });
  });
});

describe('POST /api/campaigns/:id/questionnaires/:questionnaireId', () => {
  it('moves a campaign to a newer published version; older versions stay readable', async () => {
    const { def, forms } = await freshDefinition();
    const { id } = await create(def);
    const move = (version: number) => t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/questionnaires/${forms.own.id}`, headers: auth(admin), payload: { version } });
    expect((await move(2)).json()).toMatchObject({ status: 404, code: 'questionnaire.not_found' });

    const v2: QuestionnaireInput = { ...forms.own, version: 2, title: `${forms.own.title} (sửa đổi)` };
    expect((await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: auth(admin), payload: v2 })).statusCode).toBe(201);
    const moved = await move(2);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ questionnaireId: forms.own.id, previousVersion: 1, currentVersion: 2 });
    const detail = await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers: auth(admin) });
    expect(detail.json().questionnaires.find((q: { id: string }) => q.id === forms.own.id)).toMatchObject({ version: 2, title: v2.title });
    expect((await move(1)).json()).toMatchObject({ status: 409, code: 'campaign.invalid_transition' });
    const v1 = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${forms.own.id}/versions/1`, headers: auth(admin) });
    expect(v1.json().title).toBe(forms.own.title);
  });

  it('refuses a version that maps questions to criteria outside the campaign index', async () => {
    const { def, forms } = await freshDefinition();
    const { id } = await create(def);
    const v2 = structuredClone(forms.cross) as QuestionnaireInput;
    v2.version = 2;
    const first = v2.sections[0]?.questions[0];
    if (first) first.criterion = '9.9';
    expect((await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: auth(admin), payload: v2 })).statusCode).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/questionnaires/${forms.cross.id}`, headers: auth(admin), payload: { version: 2 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].message).toContain('9.9');
  });
});
