import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importXlsform } from '../services/xlsform/import';
import { readTable } from '../spreadsheets/read-table';
import { MAX_UNZIPPED_BYTES, zipProblem } from '../spreadsheets/zip-guard';

/**
 * Both ways a workbook comes in (a list import, an XLSForm questionnaire) refuse a "zip bomb"
 * from its zip directory alone, before exceljs inflates anything: a small upload that claims
 * to unpack to more than MAX_UNZIPPED_BYTES.
 */
async function smallWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('survey').addRow(['type', 'name', 'label']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same bytes with the first central-directory entry claiming `size` bytes once unpacked. */
function claiming(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const dir = out.readUInt32LE(eocd + 16);
  expect(out.readUInt32LE(dir)).toBe(0x02014b50);
  out.writeUInt32LE(size, dir + 24);
  return out;
}

describe('zip guard', () => {
  it('lets a real workbook through and refuses what is not a zip', async () => {
    expect(zipProblem(await smallWorkbook())).toBeNull();
    expect(zipProblem(Buffer.alloc(0))?.kind).toBe('not_xlsx');
    expect(zipProblem(Buffer.from('code,name,type\n'))?.kind).toBe('not_xlsx');
  });

  it('refuses a workbook that claims to unpack past the limit, in list and XLSForm imports', async () => {
    const bomb = claiming(await smallWorkbook(), MAX_UNZIPPED_BYTES + 1);
    expect(zipProblem(bomb)?.kind).toBe('too_large');

    const list = await readTable(bomb, 'xlsx', { csvSheet: 'don_vi', columns: { code: { aliases: ['code'], required: true } } });
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.errors.map((e) => e.code)).toEqual(['spreadsheet.too_large']);

    const form = await importXlsform(bomb);
    expect(form.ok).toBe(false);
    expect(form.ok ? undefined : form.unreadable).toMatch(/giải nén vượt quá 64 MB/);
  });
});
