import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../survey-forms/definitions';
import { exportXlsform } from '../services/xlsform/export';
import { buildTestApp, type TestApp } from './harness';
import { auth } from './requests';
import { type Book, type Cell, LABEL, workbook } from './xlsform-books';

/**
 * No workbook, however malformed, makes POST /api/questionnaires/import answer 5xx: random
 * bytes, damaged zips, sheets with wrong cell types, formulas, dates, merged cells, huge
 * strings, missing or unknown sheets and columns. Bounded runs, through app.inject.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let admin: string;
let valid: Buffer;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
  valid = await exportXlsform(parseDefinitions().questionnaires.find((q) => q.id === 'nguoi-dan-xa') as never);
});
afterAll(() => t.close());

async function post(body: Buffer, dryRun: boolean) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/questionnaires/import${dryRun ? '?dryRun=true' : '?group=nguoi_dan&mode=own_unit&unitType=xa'}`,
    headers: { ...auth(admin), 'content-type': XLSX },
    payload: body,
  });
  expect(res.statusCode, res.body.slice(0, 500)).toBeLessThan(500);
  expect([200, 201, 400, 409, 413, 422]).toContain(res.statusCode);
  if (res.statusCode >= 400) {
    const problem = res.json();
    expect(problem.code).toMatch(/^(spreadsheet\.(invalid|unreadable)|questionnaire\.version_exists|request\.too_large)$/);
    for (const e of problem.errors ?? []) {
      expect(e).toEqual({ sheet: expect.any(String), row: expect.any(Number), ...(e.column !== undefined ? { column: expect.any(String) } : {}), code: expect.any(String), message: expect.any(String) });
    }
  }
}

const HEADERS = ['type', 'name', 'label', LABEL, 'hint', 'required', 'relevant', 'constraint', 'list_name', 'par_weight', 'par_dont_know', 'par_criterion', 'par_per_unit', 'form_id', 'version', 'form_title', 'par_group', 'par_mode', 'par_unit_type', 'par_minutes', 'calculation', 'appearance', 'x::y', ''];
const TYPES = ['text', 'integer', 'decimal', 'select_one l', 'select_multiple l', 'date', 'note', 'begin group', 'end group', 'begin repeat', 'calculate', 'geopoint', 'select_one', 'start', 'range', 'integer or_other'];
const EXPRESSIONS = ["${a} = 'x'", 'selected(${a}, 1)', '((((', '. >= 1 and . <= 0', 'string-length(.) > 2', 'regex(., "a")', "${a} = 'x' and", 'not(${b} > -1e999)', '${}', '. > 1.5', "'x' = ${a}"];

const arbCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom(...TYPES, ...EXPRESSIONS, ...HEADERS, 'yes', 'no', 'nguoi_dan', 'own_unit', 'cross', 'xa', 'l', 'a', 'b'),
  fc.string({ maxLength: 20 }),
  fc.constant('x'.repeat(6000)),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date({ min: new Date(1990, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }),
  fc.constant({ formula: 'A1+1', result: 2 }),
  fc.constant(null),
);
const arbSheet = fc.array(fc.array(arbCell, { maxLength: 8 }), { maxLength: 12 });
const arbBook: fc.Arbitrary<{ book: Book; merges: [number, number, number, number][] }> = fc.record({
  book: fc.dictionary(fc.constantFrom('survey', 'choices', 'settings', 'Sheet1', 'danh sách'), arbSheet, { minKeys: 0, maxKeys: 4 }),
  merges: fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { maxLength: 2 }),
});

describe('XLSForm import never answers 5xx', () => {
  it('random bytes, with and without a zip signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), fc.boolean(), async (bytes, zip, dryRun) => {
        await post(Buffer.concat([zip ? Buffer.from([0x50, 0x4b, 0x03, 0x04]) : Buffer.alloc(0), Buffer.from(bytes)]), dryRun);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a real workbook with damaged bytes or cut short', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), fc.option(fc.nat()), async (flips, cut) => {
        const copy = Buffer.from(valid);
        for (const [at, value] of flips) copy[at % copy.length] = value;
        await post(cut === null ? copy : copy.subarray(0, cut % copy.length), true);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('well-formed workbooks with any cells, sheets, merges, formulas and dates', async () => {
    await fc.assert(
      fc.asyncProperty(arbBook, fc.boolean(), async ({ book, merges }, dryRun) => {
        const bytes = await workbook(book, (wb) => {
          const ws = wb.worksheets[0];
          for (const [r, c, h, w] of merges) {
            try {
              ws?.mergeCells(r, c, r + h, c + w);
            } catch {
              // Overlapping merges are refused by exceljs itself; the workbook is still written.
            }
          }
        });
        await post(bytes, dryRun);
      }),
      { numRuns: 60 },
    );
  }, 180_000);
});
