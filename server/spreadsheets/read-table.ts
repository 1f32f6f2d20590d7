import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { SheetError } from '../errors';
import { cellText } from './cells';
import { zipProblem } from './zip-guard';

/**
 * The tabular reader behind every list import (docs/SPREADSHEETS.md): CSV (UTF-8, with or
 * without BOM, comma or semicolon) or XLSX (the first sheet) in, rows with their Excel row
 * numbers out, columns found by English or Vietnamese header aliases. It never throws on
 * what a client sends: every problem comes back as a SheetError naming sheet, row, column.
 */
export type SheetFormat = 'csv' | 'xlsx';

export interface ColumnSpec {
  /** Header names accepted for the column, compared after `headerKey` (case, accents and spacing ignored). */
  aliases: readonly string[];
  required: boolean;
}

export interface TableSpec<F extends string> {
  /** The name errors give a CSV file (which has no sheets), e.g. "don_vi". */
  csvSheet: string;
  columns: Record<F, ColumnSpec>;
}

export interface TableRow<F extends string> {
  /** The Excel row number (the header is row 1). */
  row: number;
  cells: Record<F, string>;
}

export interface Table<F extends string> {
  sheet: string;
  rows: TableRow<F>[];
  /** The header as written in the file, per field, for error messages. */
  headers: Record<F, string>;
  /** The fields whose column the header has. */
  present: F[];
}

/**
 * A refused file (no header, unreadable, a required column missing) or its rows; `cellErrors`
 * are bad cells (formula errors, overlong text) to report together with the list's own checks.
 */
export type ReadResult<F extends string> = { ok: true; table: Table<F>; cellErrors: SheetError[] } | { ok: false; errors: SheetError[] };

export const MAX_ROWS = 20000;
const MAX_COLUMNS = 200;
const MAX_CELL_CHARS = 2000;

/** "Mã đơn vị cấp trên" → "ma_don_vi_cap_tren": headers match whatever the case, accents or spacing. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const fail = (sheet: string, message: string, code = 'spreadsheet.unreadable', row = 1): { ok: false; errors: SheetError[] } => ({
  ok: false,
  errors: [{ sheet, row, code, message }],
});

/** Raw grid: each row's cell texts, with formula errors marked, and its Excel row number. */
interface Grid {
  sheet: string;
  rows: { row: number; cells: string[]; errors: { index: number; error: string }[] }[];
}

function csvGrid(body: Buffer, sheet: string): Grid | { ok: false; errors: SheetError[] } {
  let text = body.toString('utf8');
  if (text.includes('\uFFFD')) return fail(sheet, 'Tệp CSV không phải mã UTF-8: trong Excel chọn "Lưu thành" → "CSV UTF-8 (phân cách bằng dấu phẩy)".', 'spreadsheet.encoding');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel in a Vietnamese locale may save with semicolons; the header line tells which.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: false, max_record_size: 64 * 1024 }) as string[][];
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === 'number' ? (err as { lines: number }).lines : 1;
    return fail(sheet, `Không đọc được tệp CSV gần dòng ${line}: kiểm tra dấu ngoặc kép (") chưa đóng.`, 'spreadsheet.unreadable', line);
  }
  return { sheet, rows: records.map((cells, i) => ({ row: i + 1, cells, errors: [] })) };
}

async function xlsxGrid(body: Buffer): Promise<Grid | { ok: false; errors: SheetError[] }> {
  const refused = zipProblem(body);
  if (refused?.kind === 'not_xlsx') return fail('', 'Tệp không phải bảng tính Excel .xlsx hợp lệ (tệp .xls cũ: mở trong Excel và lưu lại dạng .xlsx).');
  if (refused) return fail('', `${refused.reason}; hãy tách thành nhiều tệp.`, 'spreadsheet.too_large');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    return fail('', 'Tệp không phải bảng tính Excel .xlsx hợp lệ (tệp .xls cũ: mở trong Excel và lưu lại dạng .xlsx).');
  }
  const ws = book.worksheets[0];
  if (!ws) return fail('', 'Bảng tính không có trang tính nào.');
  const rows: Grid['rows'] = [];
  if (ws.rowCount > MAX_ROWS + 1) return fail(ws.name, `Bảng tính có hơn ${MAX_ROWS} dòng; hãy tách thành nhiều tệp.`, 'spreadsheet.too_large');
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    const errors: { index: number; error: string }[] = [];
    const width = Math.min(r.cellCount, MAX_COLUMNS);
    for (let c = 1; c <= width; c++) {
      const t = cellText(r.getCell(c).value);
      if ('error' in t) errors.push({ index: c - 1, error: t.error });
      cells.push('text' in t ? t.text : '');
    }
    rows.push({ row: rowNumber, cells, errors });
  });
  return { sheet: ws.name, rows };
}

/** Reads a CSV or XLSX body into rows keyed by the spec's fields. Empty rows are skipped but keep their numbers. */
export async function readTable<F extends string>(body: Buffer, format: SheetFormat, spec: TableSpec<F>): Promise<ReadResult<F>> {
  const grid = format === 'csv' ? csvGrid(body, spec.csvSheet) : await xlsxGrid(body);
  if ('ok' in grid) return grid;
  const { sheet } = grid;
  const nonEmpty = grid.rows.filter((r) => r.cells.some((c) => c.trim() !== '') || r.errors.length > 0);
  const header = nonEmpty[0];
  if (!header || header.row !== 1) return fail(sheet, 'Dòng 1 phải là dòng tiêu đề cột (ví dụ: code, name hoặc Mã, Tên).', 'spreadsheet.column_missing');
  if (nonEmpty.length - 1 > MAX_ROWS) return fail(sheet, `Bảng tính có hơn ${MAX_ROWS} dòng; hãy tách thành nhiều tệp.`, 'spreadsheet.too_large');

  const errors: SheetError[] = [];
  const fields = Object.keys(spec.columns) as F[];
  const index = {} as Record<F, number>;
  const headers = {} as Record<F, string>;
  header.cells.forEach((text, i) => {
    const key = headerKey(text);
    const field = fields.find((f) => spec.columns[f].aliases.some((a) => headerKey(a) === key));
    if (!field) return;
    if (index[field] !== undefined) {
      errors.push({ sheet, row: 1, column: text, code: 'spreadsheet.duplicate', message: `Cột "${text}" trùng với cột "${headers[field]}": chỉ giữ một cột.` });
      return;
    }
    index[field] = i;
    headers[field] = text.trim();
  });
  for (const f of fields) {
    const col = spec.columns[f];
    if (index[f] === undefined) {
      headers[f] = col.aliases[0] ?? f;
      if (col.required) {
        errors.push({ sheet, row: 1, column: headers[f], code: 'spreadsheet.column_missing', message: `Thiếu cột "${col.aliases.join('" hoặc "')}" ở dòng tiêu đề.` });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows: TableRow<F>[] = [];
  for (const r of nonEmpty.slice(1)) {
    const cells = {} as Record<F, string>;
    for (const f of fields) {
      const i = index[f];
      const raw = i === undefined ? '' : (r.cells[i] ?? '');
      cells[f] = raw.normalize('NFC').trim();
      if (cells[f].length > MAX_CELL_CHARS) {
        errors.push({ sheet, row: r.row, column: headers[f], code: 'spreadsheet.invalid_value', message: `Ô dài quá ${MAX_CELL_CHARS} ký tự.` });
      }
      const bad = i === undefined ? undefined : r.errors.find((e) => e.index === i);
      if (bad) errors.push({ sheet, row: r.row, column: headers[f], code: 'spreadsheet.formula_error', message: `Ô có lỗi công thức ${bad.error}; hãy nhập giá trị.` });
    }
    rows.push({ row: r.row, cells });
  }
  return { ok: true, table: { sheet, rows, headers, present: fields.filter((f) => index[f] !== undefined) }, cellErrors: errors };
}

/** A number as people type it in Vietnam too: "2,5" and "2.5" both read 2.5. Null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/\s/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(cleaned)) return null;
  return Number(cleaned.replace(',', '.'));
}

/** One list of problems for a file: a cell already named for a bad value is not named again, rows in order. */
export function mergeSheetErrors(first: readonly SheetError[], second: readonly SheetError[]): SheetError[] {
  const named = new Set(first.map((e) => `${e.row}/${e.column ?? ''}`));
  const all = [...first, ...second.filter((e) => !named.has(`${e.row}/${e.column ?? ''}`))];
  return all.map((e, i) => ({ e, i })).sort((a, b) => a.e.row - b.e.row || a.i - b.i).map(({ e }) => e);
}
