import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './harness';
import { createDraft, tableCounts, upload, UNITS_POST_2025_CSV, xlsx } from './setup-helpers';

/**
 * No CSV or XLSX body, however malformed, gives a 500 through the import routes, and a refused
 * file leaves every set-up table exactly as it was. Runs are bounded (the machine is shared).
 */
let t: TestApp;
let admin: string;
let campaign: string;
let validXlsx: Buffer;

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await t.tokenFor('admin')).token;
  campaign = await createDraft(t, admin);
  await upload(t, admin, `/api/campaigns/${campaign}/units/import`, UNITS_POST_2025_CSV);
  validXlsx = await xlsx([
    ['code', 'name', 'type', 'parent_code'],
    ['SO-NV', 'Sở Nội vụ', 'so', null],
    ['XA-01', { richText: [{ text: 'Phường ' }, { text: 'Một' }] }, 'xa', null],
  ]);
});
afterAll(() => t.close());

const LISTS = ['units', 'index', 'quotas'] as const;
/** Characters that break naive CSV readers, plus Vietnamese letters and header words. */
const CSV_PIECES = ['"', ',', ';', '\n', '\r\n', '\r', '\uFEFF', ' ', 'đ', 'Mã', 'Tên đơn vị', 'code', 'name', 'type', 'parent_code', 'level', 'max_points', 'unit_type', 'group', 'target', 'so', 'xa', 'huyen', 'tong', 'tieu_chi', 'linh_vuc', 'SO-NV', 'XA-01', 'nguoi_dan', '1e309', '-1', '2,5', '\u0000', '\uFFFD', 'ä'];

const csvText = fc.array(fc.oneof(fc.constantFrom(...CSV_PIECES), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((parts) => parts.join(''));
const headedCsv = fc.tuple(fc.constantFrom('code,name,type,parent_code', 'level,code,name,max_points', 'unit_code,unit_type,group,target,min_respondents', 'Mã;Tên;Loại'), csvText).map(([h, rest]) => `${h}\n${rest}`);
const mutatedXlsx = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((edits) => {
  const copy = Buffer.from(validXlsx);
  for (const [at, byte] of edits) copy[at % copy.length] = byte;
  return copy;
});
const truncatedXlsx = fc.nat().map((n) => validXlsx.subarray(0, n % validXlsx.length));

async function refusesCleanly(list: (typeof LISTS)[number], body: string | Buffer, type: 'csv' | 'xlsx', dryRun: boolean): Promise<void> {
  const before = await tableCounts(t);
  const res = await upload(t, admin, `/api/campaigns/${campaign}/${list}/import${dryRun ? '?dryRun=true' : ''}`, body, type);
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.headers['content-type']).toContain(res.statusCode === 200 ? 'application/json' : 'application/problem+json');
  if (res.statusCode !== 200) {
    expect(await tableCounts(t)).toEqual(before);
    for (const e of res.json().errors ?? []) {
      expect(e.row).toBeGreaterThanOrEqual(1);
      expect(typeof e.message).toBe('string');
    }
  }
}

describe('spreadsheet imports never fail with a 500', () => {
  it('for any CSV text, with or without a header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LISTS), fc.oneof(csvText, headedCsv), fc.boolean(), (list, body, dryRun) => refusesCleanly(list, body, 'csv', dryRun)),
      { numRuns: 40 },
    );
  });

  it('for any bytes sent as XLSX or CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LISTS), fc.uint8Array({ maxLength: 400 }), fc.constantFrom('csv' as const, 'xlsx' as const), (list, bytes, type) => refusesCleanly(list, Buffer.from(bytes), type, true)),
      { numRuns: 30 },
    );
  });

  it('for a real workbook with bytes changed or cut off', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LISTS), fc.oneof(mutatedXlsx, truncatedXlsx), fc.boolean(), (list, body, dryRun) => refusesCleanly(list, body, 'xlsx', dryRun)),
      { numRuns: 30 },
    );
  });
});
