import ExcelJS from 'exceljs';

/** Hand-written XLSForm workbooks for tests: sheet name → rows of cell values (row 1 = headers). */
export type Cell = string | number | boolean | Date | null | { formula: string; result?: number | string };
export type Book = Record<string, Cell[][]>;

export async function workbook(sheets: Book, edit?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const LABEL = 'label::Tiếng Việt (vi)';

/** A small valid form (citizen, own unit) with a scored question, a condition and a number. */
export function citizenBook(id: string, version: number | null = 1): Book {
  return {
    survey: [
      ['type', 'name', LABEL, 'label::English (en)', 'hint::Tiếng Việt (vi)', 'required', 'relevant', 'constraint', 'par_criterion'],
      ['begin group', 'chung', 'Thông tin chung', 'General', null, null, null, null, null],
      ['select_one gioi', 'gioi_tinh', 'Giới tính', 'Sex', null, 'yes', null, null, null],
      ['integer', 'so_lan', 'Số lần đi lại', 'Trips', 'Tính cả lần nộp hồ sơ', null, null, '. >= 0 and . <= 20', null],
      ['end group', null, null, null, null, null, null, null, null],
      ['begin group', 'danh_gia', 'Đánh giá', 'Rating', null, null, null, null, null],
      ['select_one muc', 'd3_1', 'Thông tin có dễ tìm không?', null, null, 'yes', '${so_lan} > 0', null, '3.1'],
      ['text', 'gop_y', 'Góp ý', null, null, null, "${d3_1} = 'A' or ${d3_1} = 'B'", 'string-length(.) <= 500', null],
      ['end group', null, null, null, null, null, null, null, null],
    ],
    choices: [
      ['list_name', 'name', LABEL, 'par_weight', 'par_dont_know'],
      ['gioi', 'nam', 'Nam', null, null],
      ['gioi', 'nu', 'Nữ', null, null],
      ['muc', 'A', 'Rất dễ', 1, null],
      ['muc', 'B', 'Dễ', 0.6, null],
      ['muc', 'C', 'Khó', 0, null],
      ['muc', 'E', 'Không biết', null, 'yes'],
    ],
    settings: [
      ['form_id', 'version', 'form_title', 'par_group', 'par_mode', 'par_unit_type', 'par_minutes'],
      [id, version, 'Phiếu người dân (thử)', 'nguoi_dan', 'own_unit', 'xa', 5],
    ],
  };
}
