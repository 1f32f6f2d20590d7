import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Questionnaire } from '../../survey-forms/src';
import { importXlsform } from '../services/xlsform/import';
import { buildTestApp, type TestApp } from './harness';
import { auth } from './requests';
import { fixtureQuestionnaires } from './fixtures';
import { citizenBook, LABEL, workbook } from './xlsform-books';

/** POST /api/questionnaires/import and GET …/export.xlsx (docs/API.md §6), on both engines. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let admin: string;
let n = 0;
const fresh = () => `xls-${process.pid}-${++n}`;
const upload = (body: Buffer | string, query = '', token = admin, type = XLSX) =>
  t.app.inject({ method: 'POST', url: `/api/questionnaires/import${query}`, headers: { ...auth(token), 'content-type': type }, payload: body });

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
});
afterAll(() => t.close());

describe('XLSForm import', () => {
  it('previews without saving, publishes with an audit entry, then refuses the same version', async () => {
    const id = fresh();
    const book = await workbook(citizenBook(id));
    const preview = await upload(book, '?dryRun=true');
    expect(preview.statusCode).toBe(200);
    const { questionnaire, warnings } = preview.json();
    expect(questionnaire).toMatchObject({ id, version: 1, group: 'nguoi_dan', mode: 'own_unit', unitType: 'xa', estimatedMinutes: 5 });
    expect(questionnaire.sections.map((s: { id: string }) => s.id)).toEqual(['chung', 'danh_gia']);
    const [, soLan] = questionnaire.sections[0].questions;
    expect(soLan).toMatchObject({ id: 'so_lan', kind: 'number', integer: true, min: 0, max: 20, help: 'Tính cả lần nộp hồ sơ' });
    expect(questionnaire.sections[1].questions[0]).toMatchObject({ kind: 'single', criterion: '3.1', relevant: { op: '>', q: 'so_lan', value: 0 } });
    expect(questionnaire.sections[1].questions[0].options.map((o: { code: string; weight: number | null }) => [o.code, o.weight])).toEqual([['A', 1], ['B', 0.6], ['C', 0], ['E', null]]);
    // The English label column is not kept, and the user is told so.
    expect(warnings).toEqual([expect.objectContaining({ sheet: 'survey', row: 2, column: 'label::English (en)', code: 'xlsform.ignored_column' })]);
    expect((await t.app.inject({ method: 'GET', url: `/api/questionnaires/${id}/versions/1`, headers: auth(admin) })).statusCode).toBe(404);

    const published = await upload(book);
    expect(published.statusCode).toBe(201);
    expect(published.json().questionnaire).toEqual(questionnaire);
    const stored = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${id}/versions/1`, headers: auth(admin) });
    expect(stored.json()).toEqual(questionnaire);
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(admin) });
    expect(audit.json()).toContainEqual(expect.objectContaining({ action: 'questionnaire.publish', target: `questionnaire:${id}@1` }));

    expect((await upload(book)).json()).toMatchObject({ status: 409, code: 'questionnaire.version_exists' });
    const gap = await upload(await workbook(citizenBook(id, 3)), '?dryRun=true');
    expect(gap.json()).toMatchObject({ status: 422, code: 'spreadsheet.invalid', errors: [{ sheet: 'settings', row: 2, column: 'version' }] });
    // No version in settings: the next one is used, with a warning.
    const next = await upload(await workbook(citizenBook(id, null)));
    expect(next.statusCode).toBe(201);
    expect(next.json().questionnaire.version).toBe(2);
    expect(next.json().warnings).toContainEqual(expect.objectContaining({ code: 'xlsform.version_assigned' }));
  });

  it('exports any version as a workbook that imports to the same questionnaire', async () => {
    const q = fixtureQuestionnaires(fresh()).cross;
    expect((await t.app.inject({ method: 'POST', url: '/api/questionnaires', headers: auth(admin), payload: q })).statusCode).toBe(201);
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit', headers: auth(admin) });
    expect(audit.json()).toContainEqual(expect.objectContaining({ action: 'questionnaire.publish', target: `questionnaire:${q.id}@1`, detail: expect.objectContaining({ source: 'json' }) }));
    const analyst = (await t.tokenFor('analyst')).token;
    const res = await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/1/export.xlsx`, headers: auth(analyst) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(`${q.id}-v1.xlsx`);
    const back = await importXlsform(res.rawPayload);
    expect(back).toEqual({ ok: true, questionnaire: Questionnaire.parse(q), versionGiven: true, warnings: [] });
    expect((await t.app.inject({ method: 'GET', url: `/api/questionnaires/${q.id}/versions/7/export.xlsx`, headers: auth(admin) })).json().code).toBe('questionnaire.not_found');
  });

  it('lists every refused row with sheet, Excel row, column and a Vietnamese reason', async () => {
    const book = citizenBook(fresh());
    const survey = book.survey as (string | number | null)[][];
    survey[0]?.push('choice_filter');
    survey.splice(4, 0, ['begin repeat', 'lap', 'Lặp', null, null, null, null, null, null, null]);
    survey.splice(5, 0, ['calculate', 'tinh', null, null, null, null, null, null, null, null]);
    survey.splice(6, 0, ['geopoint', 'vi_tri', 'Vị trí', null, null, null, null, null, null, null]);
    survey.splice(7, 0, ['select_one muc', 'loc', 'Lọc', null, null, null, 'count(${so_lan}) > 1', null, null, "gioi_tinh = 'nam'"]);
    survey.splice(8, 0, ['select_one khong_co', 'thieu', 'Thiếu danh sách', null, null, 'có lẽ', null, null, null, null]);
    (book.choices as (string | number | null)[][])[4] = ['muc', 'B', 'Dễ', 2, null];
    const res = await upload(await workbook(book), '?dryRun=true');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('spreadsheet.invalid');
    expect(body.errors.map((e: { sheet: string; row: number; column?: string }) => [e.sheet, e.row, e.column])).toEqual([
      ['survey', 5, 'type'],
      ['survey', 6, 'type'],
      ['survey', 7, 'type'],
      ['survey', 8, 'choice_filter'],
      ['survey', 8, 'relevant'],
      ['survey', 9, 'required'],
      ['survey', 9, 'type'],
    ]);
    for (const e of body.errors) expect(e.message).toMatch(/[ăâđêôơưạảấầẩậắặẹẻếềểệỉịọỏốồổộớờởợụủứừửựỳỵỷỹ]|không/i);
    // Once the rows above are fixed, the weight above 1 on the choices sheet is the one left.
    const fixed = citizenBook(fresh());
    (fixed.choices as (string | number | null)[][])[4] = ['muc', 'B', 'Dễ', 2, null];
    const weight = (await upload(await workbook(fixed), '?dryRun=true')).json();
    expect(weight.errors).toEqual([expect.objectContaining({ sheet: 'choices', row: 5, column: 'par_weight' })]);
  });

  it('fills group, mode and unit type from the query when settings lack them', async () => {
    const book = citizenBook(fresh());
    book.settings = [['form_id', 'form_title'], [(book.settings?.[1]?.[0] as string) ?? 'x', 'Phiếu']];
    const missing = await upload(await workbook(book), '?dryRun=true');
    expect(missing.json().errors.map((e: { column: string }) => e.column)).toEqual(['par_group', 'par_mode', 'par_unit_type']);
    const filled = await upload(await workbook(book), '?dryRun=true&group=nguoi_dan&mode=own_unit&unitType=xa');
    expect(filled.statusCode).toBe(200);
    expect(filled.json().questionnaire).toMatchObject({ group: 'nguoi_dan', mode: 'own_unit', unitType: 'xa', version: 1 });
  });

  it('answers a clear 4xx for files that are not workbooks, wrong types, huge bodies and non-admins', async () => {
    expect((await upload(Buffer.from('không phải excel'), '?dryRun=true')).json()).toMatchObject({ status: 400, code: 'spreadsheet.unreadable' });
    expect((await upload(Buffer.alloc(0), '?dryRun=true')).statusCode).toBe(400);
    const noSurvey = await upload(await workbook({ khac: [['a'], [1]] }), '?dryRun=true');
    expect(noSurvey.json()).toMatchObject({ status: 422, errors: [{ sheet: 'survey', row: 1 }] });
    const empty = citizenBook(fresh());
    empty.survey = empty.survey?.slice(0, 1) ?? [];
    expect((await upload(await workbook(empty), '?dryRun=true')).json()).toMatchObject({ status: 422, errors: [{ sheet: 'survey', row: 1, message: 'Trang survey chưa có câu hỏi nào' }] });
    expect((await upload('{"a":1}', '', admin, 'application/json')).statusCode).toBe(415);
    expect((await upload('a,b', '', admin, 'text/csv')).statusCode).toBe(415);
    expect((await upload(Buffer.alloc(6 * 1024 * 1024, 1), '?dryRun=true')).statusCode).toBe(413);
    const analyst = (await t.tokenFor('analyst')).token;
    expect((await upload(await workbook(citizenBook(fresh())), '', analyst)).statusCode).toBe(403);
  });

  it('keeps the Vietnamese label when several languages are given, in either column order', async () => {
    const book = citizenBook(fresh());
    for (const row of book.survey ?? []) [row[2], row[3]] = [row[3] ?? null, row[2] ?? null];
    const res = await upload(await workbook(book), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().questionnaire.sections[0].title).toBe('Thông tin chung');
    expect(LABEL).toContain('(vi)');
  });
});
