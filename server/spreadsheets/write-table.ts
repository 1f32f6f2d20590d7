import ExcelJS from 'exceljs';

/**
 * The way out: a list as CSV or XLSX with the same headers the import reads, so an exported
 * file re-imports unchanged (docs/SPREADSHEETS.md).
 */
export type Cell = string | number | null;

export interface OutTable {
  sheet: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted and quotes doubled. */
function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte-order mark so Excel shows Vietnamese correctly; CRLF line ends. */
export function tableCsv(table: OutTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function tableXlsx(table: OutTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'par-survey';
  const ws = book.addWorksheet(table.sheet);
  ws.addRow([...table.header]);
  for (const row of table.rows) ws.addRow([...row]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(10, ...[table.header[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? '').length + 2)));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
