import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './harness';
import { auth, createDraft, detailOf, INDEX_CSV, tableCounts, upload, UNITS_POST_2025_CSV, xlsx } from './setup-helpers';

/** Unit, index and quota lists in and out as CSV and XLSX: previews, every bad row by sheet/row/column, round trips. */
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
});
afterAll(() => t.close());

const PRE_2025 = ['Mã,Tên đơn vị,Loại,Mã đơn vị cấp trên', 'SO-NV,Sở Nội vụ,Sở,', 'H01,Huyện Đồng Phú,huyen,', 'H01-X01,Xã Tân Lập,Cấp xã,H01', 'H01-X02,"Thị trấn Tân Phú, huyện Đồng Phú",xa,H01'].join('\r\n');
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth(admin) });

describe('units import', () => {
  it('previews a pre-2025 list (CSV with BOM, Vietnamese headers) without saving, then saves it', async () => {
    const id = await createDraft(t, admin);
    const before = await tableCounts(t);
    const preview = await upload(t, admin, `/api/campaigns/${id}/units/import?dryRun=true`, `\uFEFF${PRE_2025}`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, added: 4, updated: 0, removed: [] });
    expect(preview.json().units).toContainEqual({ code: 'H01-X02', name: 'Thị trấn Tân Phú, huyện Đồng Phú', type: 'xa', parentCode: 'H01' });
    expect(await tableCounts(t)).toEqual(before);
    expect((await upload(t, admin, `/api/campaigns/${id}/units/import`, `\uFEFF${PRE_2025}`)).json()).toMatchObject({ dryRun: false, added: 4 });
    const d = await detailOf(t, admin, id);
    const h01 = d.units.find((u: { code: string }) => u.code === 'H01').id;
    expect(d.units.filter((u: { parentId: string | null }) => u.parentId === h01).map((u: { code: string }) => u.code)).toEqual(['H01-X01', 'H01-X02']);
  });

  it('replaces the list with a post-2025 one (no districts, no BOM, English headers); kept codes keep their ids and quotas', async () => {
    const id = await createDraft(t, admin);
    await upload(t, admin, `/api/campaigns/${id}/units/import`, PRE_2025);
    const before = await detailOf(t, admin, id);
    const soNv = before.units.find((u: { code: string }) => u.code === 'SO-NV').id;
    await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/quotas/bulk`, headers: auth(admin), payload: { rules: [{ unitType: 'so', group: 'cong_chuc', target: 4 }] } });
    const res = await upload(t, admin, `/api/campaigns/${id}/units/import`, UNITS_POST_2025_CSV);
    expect(res.json()).toMatchObject({ added: 3, updated: 1, removed: ['H01', 'H01-X01', 'H01-X02'] });
    const after = await detailOf(t, admin, id);
    expect(after.units.map((u: { code: string }) => u.code)).toEqual(['SO-NV', 'SO-TC', 'XA-01', 'XA-02']);
    expect(after.units.find((u: { code: string }) => u.code === 'SO-NV').id).toBe(soNv);
    expect(after.quotas).toEqual([{ unitId: soNv, group: 'cong_chuc', target: 4, minRespondents: 3 }]);
  });

  it('reads semicolon CSV as Excel saves it in a Vietnamese locale', async () => {
    const id = await createDraft(t, admin);
    const res = await upload(t, admin, `/api/campaigns/${id}/units/import?dryRun=true`, 'Mã;Tên;Loại\r\nXA-1;Phường 1;phường\r\n');
    expect(res.json().units).toEqual([{ code: 'XA-1', name: 'Phường 1', type: 'xa', parentCode: null }]);
  });

  it('lists every bad row of an XLSX by sheet, Excel row and column, and saves nothing', async () => {
    const id = await createDraft(t, admin);
    const file = await xlsx(
      [
        ['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'],
        ['SO-NV', { richText: [{ text: 'Sở ' }, { text: 'Nội vụ', font: { bold: true } }] }, 'so', null],
        [],
        ['SO NV', 'Mã có dấu cách', 'so', null],
        ['SO-NV', 'Trùng mã', 'so', null],
        ['X01', '', 'tinh', 'H99'],
        ['X02', { formula: '"Xã "&"Hai"', result: 'Xã Hai' }, 'xa', 'X02'],
        ['X03', { formula: 'A1/0', result: { error: '#DIV/0!' } }, 'xa', null],
      ],
      'Đơn vị 2026',
    );
    const before = await tableCounts(t);
    const res = await upload(t, admin, `/api/campaigns/${id}/units/import`, file, 'xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('spreadsheet.invalid');
    const where = res.json().errors.map((e: { sheet: string; row: number; column?: string }) => `${e.sheet}!${e.row}:${e.column}`);
    expect(where).toEqual([
      'Đơn vị 2026!4:Mã đơn vị',
      'Đơn vị 2026!5:Mã đơn vị',
      'Đơn vị 2026!6:Tên đơn vị',
      'Đơn vị 2026!6:Loại',
      'Đơn vị 2026!6:Mã đơn vị cấp trên',
      'Đơn vị 2026!7:Mã đơn vị cấp trên',
      'Đơn vị 2026!8:Tên đơn vị',
    ]);
    expect(res.json().errors[1]).toEqual({ sheet: 'Đơn vị 2026', row: 5, column: 'Mã đơn vị', code: 'spreadsheet.duplicate', message: 'Mã "SO-NV" trùng với dòng 2.' });
    expect(res.json().errors[6].message).toContain('#DIV/0!');
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('index import', () => {
  it('reads the outline into the tree, from CSV and from XLSX with Vietnamese headers and decimal commas', async () => {
    const id = await createDraft(t, admin);
    const csv = await upload(t, admin, `/api/campaigns/${id}/index/import`, INDEX_CSV);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json().index).toEqual({
      surveyShare: 10,
      fields: [
        { code: 'F1', name: 'Công tác chỉ đạo điều hành CCHC', criteria: [{ code: '1.1', name: 'Chỉ đạo, điều hành', maxPoints: 4, subCriteria: [] }] },
        {
          code: 'F2',
          name: 'Thủ tục hành chính',
          criteria: [{ code: '2.1', name: 'Giải quyết thủ tục hành chính', subCriteria: [{ code: '2.1.1', name: 'Công khai thủ tục', maxPoints: 3 }, { code: '2.1.2', name: 'Đúng hạn', maxPoints: 3 }] }],
        },
      ],
    });
    const book = await xlsx([
      ['Cấp', 'Mã tiêu chí', 'Tên tiêu chí', 'Điểm tối đa'],
      ['Lĩnh vực', 'LV1', 'Cải cách TTHC', null],
      ['Tiêu chí', 'TC1', 'Công khai', '2,5'],
      ['Tiêu chí', 'TC2', 'Đúng hạn', 2.5],
      ['Tổng', null, 'Tổng điểm', 5],
    ]);
    const res = await upload(t, admin, `/api/campaigns/${id}/index/import?dryRun=true`, book, 'xlsx');
    expect(res.json().index.fields[0].criteria.map((c: { maxPoints: number }) => c.maxPoints)).toEqual([2.5, 2.5]);
    expect((await detailOf(t, admin, id)).index.surveyShare).toBe(10);
  });

  it('names the total row when the points do not add up, and a criterion with no field above it', async () => {
    const id = await createDraft(t, admin);
    const sum = await upload(t, admin, `/api/campaigns/${id}/index/import`, INDEX_CSV.replace('tong,,Tổng điểm điều tra XHH,10', 'tong,,Tổng điểm điều tra XHH,30'));
    expect(sum.json().errors).toEqual([{ sheet: 'bo_chi_so', row: 8, column: 'max_points', code: 'spreadsheet.sum_mismatch', message: expect.stringContaining('(10) khác phần điểm điều tra XHH (30)') }]);
    const orphan = await upload(t, admin, `/api/campaigns/${id}/index/import`, 'level,code,name,max_points\ntieu_chi,1.1,Chỉ đạo,4\nlinh_vuc,F1,Chỉ đạo,\ntieu_chi,1.2,Tuyên truyền,x\n');
    expect(orphan.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['1:undefined', '2:level', '4:max_points']);
    expect((await detailOf(t, admin, id)).index).toBeNull();
  });
});

describe('quotas import', () => {
  it('sets every unit of a type from a bulk row, lets a unit row override it, and names unknown units and groups', async () => {
    const id = await createDraft(t, admin);
    await upload(t, admin, `/api/campaigns/${id}/units/import`, UNITS_POST_2025_CSV);
    const good = ['unit_code,unit_type,group,target,min_respondents', ',xa,nguoi_dan,30,', ',so,Công chức,4,3', 'XA-01,,nguoi_dan,50,10'].join('\n');
    expect((await upload(t, admin, `/api/campaigns/${id}/quotas/import`, good)).json()).toEqual({ dryRun: false, cells: 4, totalTarget: 30 + 50 + 4 + 4 });
    const d = await detailOf(t, admin, id);
    const xa01 = d.units.find((u: { code: string }) => u.code === 'XA-01').id;
    expect(d.quotas).toContainEqual({ unitId: xa01, group: 'nguoi_dan', target: 50, minRespondents: 10 });
    const before = await tableCounts(t);
    const bad = ['Mã đơn vị,Nhóm,Chỉ tiêu', 'XA-99,nguoi_dan,5', 'XA-01,doanh_nghiep,5', 'XA-01,nguoi_dan,-1', 'XA-02,nguoi_dan,5', 'XA-02,nguoi_dan,6'].join('\n');
    const res = await upload(t, admin, `/api/campaigns/${id}/quotas/import`, bad);
    expect(res.json().errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '2:Mã đơn vị:spreadsheet.unknown_reference',
      '3:Nhóm:spreadsheet.unknown_reference',
      '4:Chỉ tiêu:spreadsheet.invalid_value',
      '6:Nhóm:spreadsheet.duplicate',
    ]);
    expect(await tableCounts(t)).toEqual(before);
  });
});

describe('exports re-import unchanged', () => {
  it('gives units, index and quotas back as CSV and XLSX that import to the same lists', async () => {
    const id = await createDraft(t, admin);
    await upload(t, admin, `/api/campaigns/${id}/units/import`, PRE_2025);
    await upload(t, admin, `/api/campaigns/${id}/index/import`, INDEX_CSV);
    await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/quotas/bulk`, headers: auth(admin), payload: { rules: [{ unitType: 'xa', group: 'nguoi_dan', target: 20, minRespondents: 4 }] } });
    const original = await detailOf(t, admin, id);
    const other = await createDraft(t, admin);
    for (const [list, format] of [['units', 'csv'], ['units', 'xlsx'], ['index', 'xlsx'], ['index', 'csv'], ['quotas', 'xlsx']] as const) {
      const file = await get(`/api/campaigns/${id}/${list}.${format}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain(format === 'csv' ? 'text/csv' : 'spreadsheetml');
      const back = await upload(t, admin, `/api/campaigns/${other}/${list}/import`, file.rawPayload, format);
      expect(back.statusCode, `${list}.${format}: ${back.body}`).toBe(200);
    }
    const copy = await detailOf(t, admin, other);
    const codes = (d: typeof original) => new Map(d.units.map((u: { id: string; code: string }) => [u.id, u.code]));
    const units = (d: typeof original) => d.units.map((u: { code: string; name: string; type: string; parentId: string | null }) => [u.code, u.name, u.type, u.parentId && codes(d).get(u.parentId)]);
    const quotas = (d: typeof original) => d.quotas.map((q: { unitId: string; group: string; target: number; minRespondents: number }) => [codes(d).get(q.unitId), q.group, q.target, q.minRespondents]).sort();
    expect(units(copy)).toEqual(units(original));
    expect(copy.index).toEqual(original.index);
    expect(quotas(copy)).toEqual(quotas(original));
  });
});

describe('what is not a spreadsheet', () => {
  it('answers 415 for JSON, 422 for an empty body, a broken XLSX or a missing column, 413 over 5 MB', async () => {
    const id = await createDraft(t, admin);
    const json = await t.app.inject({ method: 'POST', url: `/api/campaigns/${id}/units/import`, headers: auth(admin), payload: { units: [] } });
    expect(json.json()).toMatchObject({ status: 415, code: 'request.unsupported_media_type' });
    expect((await upload(t, admin, `/api/campaigns/${id}/units/import`, '')).json()).toMatchObject({ status: 422, code: 'spreadsheet.invalid' });
    const broken = await upload(t, admin, `/api/campaigns/${id}/units/import`, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]), 'xlsx');
    expect(broken.json()).toMatchObject({ status: 422, errors: [{ row: 1, code: 'spreadsheet.unreadable', message: expect.stringContaining('.xlsx') }] });
    const missing = await upload(t, admin, `/api/campaigns/${id}/units/import`, 'code,name\nA,B\n');
    expect(missing.json().errors).toEqual([{ sheet: 'don_vi', row: 1, column: 'type', code: 'spreadsheet.column_missing', message: expect.stringContaining('Loại') }]);
    const latin1 = await upload(t, admin, `/api/campaigns/${id}/units/import`, Buffer.from('code,name,type\nA,Ph\xf2ng,xa\n', 'latin1'));
    expect(latin1.json().errors[0].message).toContain('UTF-8');
    const big = await upload(t, admin, `/api/campaigns/${id}/units/import`, Buffer.alloc(5 * 1024 * 1024 + 10, 'a'));
    expect(big.json()).toMatchObject({ status: 413, code: 'request.too_large' });
  });
});
