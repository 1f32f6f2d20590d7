import ExcelJS from 'exceljs';
import type { SheetError } from '../../errors';

/**
 * Reads the sheets of an XLSForm workbook as text cells under their header, reporting every
 * cell it cannot take (formulas, dates, error values, merged cells, oversized text) with its
 * sheet, Excel row number and column. Values are taken as written: numbers become their
 * decimal text, booleans `true`/`false`; nothing is evaluated.
 */
export interface Header {
  /** The header as written (trimmed): what error messages name. */
  written: string;
  /** Lower-case name before `::` (`label`, `hint`, `list_name`…). */
  base: string;
  /** The language after `::` (`Tiếng Việt (vi)`), if any. */
  lang?: string;
  col: number;
}

export interface SheetRow {
  row: number;
  /** Non-empty cells by the header's `written` name. */
  cells: Map<string, string>;
}

export interface ReadSheet {
  name: string;
  headers: Header[];
  rows: SheetRow[];
}

const MAX_ROWS = 5000;
const MAX_COLUMNS = 200;
const MAX_CELL = 5000;
/** pyxform's header aliases that users meet in the wild. */
const HEADER_ALIASES: Record<string, string> = { 'list name': 'list_name', caption: 'label', relevance: 'relevant', value: 'name' };

function parseHeader(written: string, col: number): Header {
  const [rawBase = '', ...langParts] = written.split('::');
  const base = rawBase.trim().toLowerCase();
  const lang = langParts.join('::').trim();
  return { written, base: HEADER_ALIASES[base] ?? base, ...(lang ? { lang } : {}), col };
}

type CellRead = { text: string } | { problem: string };

function cellText(cell: ExcelJS.Cell): CellRead {
  const v = cell.value;
  if (cell.type === ExcelJS.ValueType.Merge) return { problem: 'Ô gộp (merge) không được hỗ trợ: hãy bỏ gộp ô và ghi giá trị vào từng ô' };
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number') return Number.isFinite(v) ? { text: String(v) } : { problem: 'Giá trị số không hợp lệ' };
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false' };
  if (v instanceof Date) return { problem: 'Ô kiểu ngày tháng không được hỗ trợ ở đây: hãy ghi dạng văn bản' };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { problem: 'Ô chứa công thức Excel: hãy thay bằng giá trị (Dán đặc biệt → Giá trị)' };
    if ('error' in v) return { problem: `Ô có lỗi Excel (${String(v.error)})` };
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('') };
    if ('text' in v && typeof v.text === 'string') return { text: v.text };
  }
  return { problem: 'Không đọc được giá trị của ô' };
}

/** One worksheet as header + rows; problems are appended to `errors`. */
export function readSheet(ws: ExcelJS.Worksheet, errors: SheetError[]): ReadSheet {
  const name = ws.name;
  const add = (row: number, message: string, column?: string) => errors.push({ sheet: name, row, ...(column ? { column } : {}), code: 'spreadsheet.invalid', message });
  const headers: Header[] = [];
  if (ws.actualRowCount > MAX_ROWS || ws.rowCount > MAX_ROWS * 4) {
    add(1, `Trang có quá nhiều dòng (tối đa ${MAX_ROWS})`);
    return { name, headers, rows: [] };
  }
  if (ws.columnCount > MAX_COLUMNS) {
    add(1, `Trang có quá nhiều cột (tối đa ${MAX_COLUMNS})`);
    return { name, headers, rows: [] };
  }
  const seen = new Set<string>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const read = cellText(cell);
    if ('problem' in read) return add(1, read.problem, cell.address);
    const written = read.text.trim();
    if (written === '') return;
    const header = parseHeader(written, col);
    const key = `${header.base}::${header.lang ?? ''}`.toLowerCase();
    if (seen.has(key)) return add(1, `Cột "${written}" xuất hiện hai lần`, written);
    seen.add(key);
    headers.push(header);
  });
  const byCol = new Map(headers.map((h) => [h.col, h]));
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<string, string>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const header = byCol.get(col);
      const read = cellText(cell);
      if ('problem' in read) return add(rowNumber, read.problem, header?.written ?? cell.address);
      if (read.text.trim() === '') return;
      if (!header) return add(rowNumber, `Ô ${cell.address} có dữ liệu nhưng cột không có tiêu đề ở dòng 1`, cell.address);
      if (read.text.length > MAX_CELL) return add(rowNumber, `Nội dung dài quá ${MAX_CELL} ký tự`, header.written);
      cells.set(header.written, read.text);
    });
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  });
  return { name, headers, rows };
}

/** Loads the workbook; throws only for a file that is not a readable XLSX. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
