import ExcelJS from 'exceljs';
import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import { auditLog, campaignGroups, campaignQuestionnaires, campaigns, campaignUnits, quotas } from '../../db/schema';
import type { QuestionnaireInput } from '../../survey-forms/src';
import { XLSX_TYPE } from '../spreadsheets/write-table';
import { fixtureQuestionnaires } from './fixtures';
import type { TestApp } from './harness';

/** Shared steps of the campaign set-up tests: drafts, files as the console sends them, table counts. */
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

export const INDEX_CSV = [
  'level,code,name,max_points',
  'linh_vuc,F1,Công tác chỉ đạo điều hành CCHC,',
  'tieu_chi,1.1,"Chỉ đạo, điều hành",4',
  'linh_vuc,F2,Thủ tục hành chính,',
  'tieu_chi,2.1,Giải quyết thủ tục hành chính,',
  'tieu_chi_thanh_phan,2.1.1,Công khai thủ tục,3',
  'tieu_chi_thanh_phan,2.1.2,Đúng hạn,3',
  'tong,,Tổng điểm điều tra XHH,10',
].join('\r\n');

export const UNITS_POST_2025_CSV = ['code,name,type,parent_code', 'SO-NV,Sở Nội vụ,so,', 'SO-TC,Sở Tài chính,so,', 'XA-01,Phường Bến Thành,xa,', 'XA-02,Xã Tân Phú,xa,'].join('\n');

/** A workbook whose first sheet holds `rows` (row 1 = header); cells may be rich text or formulas. */
export async function xlsx(rows: ExcelJS.CellValue[][], sheet = 'Trang tính 1'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let draftCounter = 0;

export async function createDraft(t: TestApp, admin: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: auth(admin),
    payload: { name: `Khảo sát CCHC năm 2026 (${++draftCounter})`, year: 2026, organizer: 'Sở Nội vụ tỉnh Thử Nghiệm', opensAt: '2026-11-01T00:00:00+07:00', closesAt: '2026-12-31T23:59:59+07:00', ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export function upload(t: TestApp, admin: string, url: string, body: string | Buffer, type: 'csv' | 'xlsx' = 'csv') {
  return t.app.inject({ method: 'POST', url, headers: { ...auth(admin), 'content-type': type === 'csv' ? 'text/csv' : XLSX_TYPE }, payload: body });
}

/** Publishes the fixture forms plus a commune-level civil servants' form (the same group, another unit type). */
export async function publishForms(t: TestApp, admin: string, suffix: string): Promise<ReturnType<typeof fixtureQuestionnaires> & { ownXa: QuestionnaireInput }> {
  const forms = fixtureQuestionnaires(suffix);
  const ownXa: QuestionnaireInput = { ...structuredClone(forms.own), id: `cc-xa-${suffix}`, title: 'Phiếu khảo sát công chức cấp xã', unitType: 'xa' };
  for (const q of [forms.own, forms.cross, forms.citizen, ownXa]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: auth(admin), payload: q });
    expect(res.statusCode, res.body).toBe(201);
  }
  return { ...forms, ownXa };
}

export function choose(t: TestApp, admin: string, id: string, group: string, unitType: string, q: { id: string; version: number }) {
  return t.app.inject({ method: 'PUT', url: `/api/campaigns/${id}/forms/${group}/${unitType}`, headers: auth(admin), payload: { questionnaireId: q.id, version: q.version } });
}

/** Row counts of every table a set-up step writes: equal before and after a refusal means nothing was saved. */
export async function tableCounts(t: TestApp): Promise<number[]> {
  const out: number[] = [];
  for (const table of [campaigns, campaignUnits, campaignGroups, campaignQuestionnaires, quotas, auditLog]) {
    const [row] = await t.database.db.select({ n: count() }).from(table);
    out.push(row?.n ?? 0);
  }
  return out;
}

export async function detailOf(t: TestApp, admin: string, id: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers: auth(admin) })).json();
}
