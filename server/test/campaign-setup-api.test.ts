import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, collectorAssignments, invitations } from '../../db/schema';
import { DEFAULT_GROUPS } from '../../survey-forms/src';
import { makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { auth, choose, createDraft, detailOf, INDEX_CSV, publishForms, tableCounts, upload, UNITS_POST_2025_CSV } from './setup-helpers';

/** The campaign built step by step through the API: draft, copy, groups, forms, quotas, the check before opening, freezing. */
let t: TestApp;
let admin: string;
let suffix = 0;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
});
afterAll(() => t.close());

const patch = (id: string, payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/campaigns/${id}`, headers: auth(admin), payload });
const open = (id: string) => t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/status`, headers: auth(admin), payload: { status: 'open' } });
const bulk = (id: string, rules: Record<string, unknown>[]) => t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/quotas/bulk`, headers: auth(admin), payload: { rules } });

/** A complete draft: units, index, forms for civil servants of agencies and communes and for citizens, quotas. */
async function completeDraft() {
  const forms = await publishForms(t, admin, `setup-${process.pid}-${++suffix}`);
  const id = await createDraft(t, admin);
  expect((await upload(t, admin, `/api/campaigns/${id}/units/import`, UNITS_POST_2025_CSV)).statusCode).toBe(200);
  expect((await upload(t, admin, `/api/campaigns/${id}/index/import`, INDEX_CSV)).statusCode).toBe(200);
  for (const [group, type, q] of [['cong_chuc', 'so', forms.own], ['cong_chuc', 'xa', forms.ownXa], ['nguoi_dan', 'xa', forms.citizen]] as const) {
    expect((await choose(t, admin, id, group, type, { id: q.id, version: 1 })).statusCode).toBe(200);
  }
  const rules = [
    { unitType: 'so', group: 'cong_chuc', target: 4, minRespondents: 3 },
    { unitType: 'xa', group: 'cong_chuc', target: 5 },
    { unitType: 'xa', group: 'nguoi_dan', target: 30 },
  ];
  expect((await bulk(id, rules)).json()).toEqual({ cells: 6 });
  return { id, forms };
}

describe('POST /api/campaigns: a draft in parts', () => {
  it('creates a minimal draft with the five default groups and nothing else, audited', async () => {
    const id = await createDraft(t, admin, { name: '  Khảo sát 2027  ' });
    const d = await detailOf(t, admin, id);
    expect(d).toMatchObject({ name: 'Khảo sát 2027', status: 'draft', units: [], quotas: [], questionnaires: [], index: null, missingPolicy: 'rescale' });
    expect(d.groups).toEqual(expect.arrayContaining(DEFAULT_GROUPS.map((g) => ({ code: g.code, name: g.name, weight: 1 }))));
    expect(d.groups).toHaveLength(5);
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.target, `campaign:${id}`), eq(auditLog.action, 'campaign.create')));
    expect(entry?.detail).toMatchObject({ from: 'draft', year: 2026 });
  });

  it('refuses a draft whose dates are out of order, by path, and saves nothing', async () => {
    const before = await tableCounts(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(admin), payload: { name: 'X', year: 2026, organizer: 'Y', opensAt: '2026-12-01T00:00:00+07:00', closesAt: '2026-11-01T00:00:00+07:00' } });
    expect(res.json()).toMatchObject({ status: 400, code: 'validation.failed', errors: [{ path: 'body.closesAt' }] });
    expect(await tableCounts(t)).toEqual(before);
  });

  it('edits general information and groups: add, rename with quotas following, reweigh, remove', async () => {
    const { id } = await completeDraft();
    expect((await patch(id, { name: 'Khảo sát CCHC 2026 - chính thức', missingPolicy: 'zero' })).json()).toMatchObject({ name: 'Khảo sát CCHC 2026 - chính thức', missingPolicy: 'zero' });
    const add = await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/groups`, headers: auth(admin), payload: { code: 'mttq', name: 'Lãnh đạo Ủy ban MTTQ', weight: 0.5 } });
    expect(add.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/groups`, headers: auth(admin), payload: { code: 'mttq', name: 'x' } })).json()).toMatchObject({ status: 409, code: 'group.exists' });
    expect((await bulk(id, [{ unitType: 'so', group: 'mttq', target: 2 }])).json()).toEqual({ cells: 2 });
    const renamed = await t.app.inject({ method: 'PUT', url: `/api/campaigns/${id}/groups/mttq`, headers: auth(admin), payload: { code: 'mat_tran', name: 'Mặt trận Tổ quốc', weight: 2 } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().groups).toContainEqual({ code: 'mat_tran', name: 'Mặt trận Tổ quốc', weight: 2 });
    expect(renamed.json().quotas.filter((q: { group: string }) => q.group === 'mat_tran')).toHaveLength(2);
    const chosen = await t.app.inject({ method: 'PUT', url: `/api/campaigns/${id}/groups/cong_chuc`, headers: auth(admin), payload: { code: 'cc', name: 'Công chức' } });
    expect(chosen.json()).toMatchObject({ status: 409, code: 'campaign.frozen' });
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/campaigns/${id}/groups/mat_tran`, headers: auth(admin) });
    expect(removed.json().groups.map((g: { code: string }) => g.code)).not.toContain('mat_tran');
    expect(removed.json().quotas.filter((q: { group: string }) => q.group === 'mat_tran')).toEqual([]);
  });

  it('copies an earlier campaign: units with parents, index, groups, forms, quotas, policy; no invitations or assignments', async () => {
    const { id: source, forms } = await completeDraft();
    const pre2025 = ['Mã,Tên đơn vị,Loại,Mã đơn vị cấp trên', 'SO-NV,Sở Nội vụ,so,', 'H01,Huyện Đồng Phú,huyen,', 'XA-01,Xã Tân Lập,xa,H01', 'XA-02,Xã Tân Hòa,xa,H01'].join('\n');
    expect((await upload(t, admin, `/api/campaigns/${source}/units/import`, pre2025)).statusCode).toBe(200);
    await patch(source, { missingPolicy: 'zero' });
    expect((await open(source)).statusCode).toBe(200);
    const collector = await t.tokenFor('collector');
    const src = await detailOf(t, admin, source);
    await t.app.inject({ method: 'PUT', url: `/api/campaigns/${source}/collectors/${collector.userId}`, headers: auth(admin), payload: { unitIds: [src.units[0].id] } });
    await t.app.inject({ method: 'POST', url: `/api/campaigns/${source}/invitations`, headers: auth(admin), payload: { group: 'nguoi_dan', unitId: src.units.find((u: { code: string }) => u.code === 'XA-01').id, count: 3 } });

    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(admin), payload: { copyFrom: source, name: 'Khảo sát CCHC năm 2027', year: 2027, opensAt: '2027-11-01T00:00:00+07:00', closesAt: '2027-12-31T23:59:59+07:00' } });
    expect(res.statusCode, res.body).toBe(201);
    const copy = await detailOf(t, admin, res.json().id);
    expect(copy).toMatchObject({ status: 'draft', year: 2027, organizer: src.organizer, missingPolicy: 'zero', index: src.index });
    const shape = (d: typeof src) => {
      const code = new Map(d.units.map((u: { id: string; code: string }) => [u.id, u.code]));
      return {
        units: d.units.map((u: { code: string; type: string; parentId: string | null }) => `${u.code}:${u.type}:${u.parentId ? code.get(u.parentId) : '-'}`),
        quotas: d.quotas.map((q: { unitId: string; group: string; target: number }) => `${code.get(q.unitId)}/${q.group}/${q.target}`).sort(),
        groups: d.groups,
        forms: d.questionnaires.map((q: { id: string }) => q.id).sort(),
      };
    };
    expect(shape(copy)).toEqual(shape(src));
    expect(copy.units.map((u: { id: string }) => u.id)).not.toContain(src.units[0].id);
    expect(shape(copy).units).toContain('XA-01:xa:H01');
    expect(copy.questionnaires.map((q: { id: string }) => q.id)).toContain(forms.ownXa.id);
    expect(await t.database.db.select().from(invitations).where(eq(invitations.campaignId, copy.id))).toEqual([]);
    expect(await t.database.db.select().from(collectorAssignments).where(eq(collectorAssignments.campaignId, copy.id))).toEqual([]);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: auth(admin), payload: { copyFrom: '00000000-0000-4000-8000-000000000000', name: 'x', year: 2027, opensAt: '2027-11-01T00:00:00+07:00', closesAt: '2027-12-31T23:59:59+07:00' } });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'campaign.not_found' });
  });
});

describe('opening: the check lists every problem, then lists freeze', () => {
  it('refuses to open an empty draft with every missing part named, and changes nothing', async () => {
    const id = await createDraft(t, admin);
    const before = await tableCounts(t);
    const res = await open(id);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('campaign.incomplete');
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['index', 'questionnaires', 'quotas', 'units']);
    for (const e of res.json().errors) expect(e.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    expect((await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}/readiness`, headers: auth(admin) })).json()).toMatchObject({ ready: false, problems: res.json().errors });
    expect(await tableCounts(t)).toEqual(before);
    expect((await detailOf(t, admin, id)).status).toBe('draft');
  });

  it('names a group with quota but no form for that unit type, a criterion outside the index, a quota above its minimum, and past dates', async () => {
    const { id, forms } = await completeDraft();
    await t.app.inject({ method: 'DELETE', url: `/api/campaigns/${id}/forms/cong_chuc/xa`, headers: auth(admin) });
    const index = ['level,code,name,max_points', 'linh_vuc,F1,Chỉ đạo,', 'tieu_chi,1.1,Chỉ đạo,6', 'linh_vuc,F2,Thủ tục,', 'tieu_chi,2.1.1,Công khai,4', 'tong,,Tổng,10'].join('\n');
    expect((await upload(t, admin, `/api/campaigns/${id}/index/import`, index)).statusCode).toBe(200);
    const unit = (await detailOf(t, admin, id)).units.find((u: { code: string }) => u.code === 'SO-NV').id;
    await t.app.inject({ method: 'PUT', url: `/api/campaigns/${id}/quotas/${unit}/cong_chuc`, headers: auth(admin), payload: { target: 2, minRespondents: 5 } });
    await patch(id, { opensAt: '2026-01-01T00:00:00+07:00', closesAt: '2026-02-01T00:00:00+07:00' });
    const res = await open(id);
    expect(res.statusCode).toBe(422);
    const errors: { path: string; message: string }[] = res.json().errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'closesAt', message: expect.stringContaining('đã qua') },
        { path: 'questionnaires.cong_chuc.xa', message: expect.stringContaining('2 đơn vị cấp xã') },
        { path: 'questionnaires.cong_chuc.so', message: expect.stringContaining(`Câu q3 của phiếu ${forms.own.id} gắn với tiêu chí 2.1.2`) },
        { path: 'quotas.SO-NV.cong_chuc', message: expect.stringContaining('lớn hơn chỉ tiêu') },
      ]),
    );
  });

  it('opens a complete campaign; then units, index, forms, groups and general information freeze but dates and quotas do not', async () => {
    const { id, forms } = await completeDraft();
    expect((await open(id)).json()).toMatchObject({ status: 'open' });
    const frozen = [
      await upload(t, admin, `/api/campaigns/${id}/units/import`, UNITS_POST_2025_CSV),
      await upload(t, admin, `/api/campaigns/${id}/units/import?dryRun=true`, UNITS_POST_2025_CSV),
      await upload(t, admin, `/api/campaigns/${id}/index/import`, INDEX_CSV),
      await choose(t, admin, id, 'nguoi_dan', 'so', { id: forms.citizen.id, version: 1 }),
      await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/groups`, headers: auth(admin), payload: { code: 'dn', name: 'Doanh nghiệp' } }),
      await patch(id, { name: 'Đổi tên' }),
    ];
    for (const res of frozen) {
      expect(res.json()).toMatchObject({ status: 409, code: 'campaign.frozen' });
      expect(res.json().detail).toContain('đợt khảo sát đã mở');
    }
    expect((await patch(id, { closesAt: '2027-01-15T23:59:59+07:00' })).json().closesAt).toBe('2027-01-15T16:59:59.000Z');
    expect((await bulk(id, [{ unitType: 'so', group: 'cong_chuc', target: 8 }])).statusCode).toBe(200);
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.target, `campaign:${id}`))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['campaign.create', 'campaign.units.import', 'campaign.index.import', 'campaign.questionnaire.choose', 'campaign.quotas.bulk', 'campaign.status', 'campaign.update']));
  });
});

describe('a questionnaire per group × unit type', () => {
  it('refuses a form for another group or unit type than its slot', async () => {
    const { id, forms } = await completeDraft();
    expect((await choose(t, admin, id, 'cong_chuc', 'xa', { id: forms.own.id, version: 1 })).json()).toMatchObject({ status: 422, code: 'definition.invalid' });
    expect((await choose(t, admin, id, 'nguoi_dan', 'so', { id: forms.own.id, version: 1 })).json().errors).toHaveLength(1);
  });

  it('gives commune civil servants their commune form by invitation and by collector', async () => {
    const { id, forms } = await completeDraft();
    expect((await open(id)).statusCode).toBe(200);
    const d = await detailOf(t, admin, id);
    const xa = d.units.find((u: { code: string }) => u.code === 'XA-01').id;
    const so = d.units.find((u: { code: string }) => u.code === 'SO-NV').id;
    const issue = async (unitId: string) => (await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/invitations`, headers: auth(admin), payload: { group: 'cong_chuc', unitId, count: 1 } })).json().codes[0];
    const info = async (code: string) => (await t.app.inject({ method: 'GET', url: `/api/invitations/${code}` })).json();
    expect((await info(await issue(xa))).questionnaire.id).toBe(forms.ownXa.id);
    expect((await info(await issue(so))).questionnaire.id).toBe(forms.own.id);

    const collector = await t.tokenFor('collector');
    await t.app.inject({ method: 'PUT', url: `/api/campaigns/${id}/collectors/${collector.userId}`, headers: auth(admin), payload: { unitIds: [xa] } });
    const mine = (await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers: auth(collector.token) })).json();
    const form = mine.questionnaires.find((q: { group: string; unitType: string }) => q.group === 'cong_chuc' && q.unitType === 'xa');
    expect(form.id).toBe(forms.ownXa.id);
    const response = makeResponse(form, id, [xa]);
    const sync = await t.app.inject({ method: 'POST', url: '/api/sync', headers: auth(collector.token), payload: { responses: [response] } });
    expect(sync.json().results).toEqual([{ id: response.id, status: 'accepted' }]);
  });
});
