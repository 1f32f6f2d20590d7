import { Slug, type UnitDef, type UnitType } from '../../survey-forms/src';
import type { SheetError } from '../errors';
import { headerKey, type Table, type TableSpec } from './read-table';
import type { OutTable } from './write-table';

/**
 * The unit list as a spreadsheet (docs/SPREADSHEETS.md "Danh sách đơn vị / Units"): code,
 * name, type (so / huyen / xa, or the Vietnamese words), parent code. Both shapes import:
 * before 2025 communes under districts, since 2025 communes with no parent.
 */
export const UNITS_SPEC = {
  csvSheet: 'don_vi',
  columns: {
    code: { aliases: ['code', 'unit_code', 'Mã', 'Mã đơn vị'], required: true },
    name: { aliases: ['name', 'unit_name', 'Tên', 'Tên đơn vị'], required: true },
    type: { aliases: ['type', 'unit_type', 'Loại', 'Loại đơn vị', 'Cấp'], required: true },
    parent_code: { aliases: ['parent_code', 'parent', 'Mã đơn vị cấp trên', 'Mã cấp trên', 'Đơn vị cấp trên'], required: false },
  },
} as const satisfies TableSpec<string>;
type UnitField = keyof typeof UNITS_SPEC.columns;

/** Type words as people write them, after headerKey: "Cấp xã", "phường", "Sở" all read. */
const TYPE_WORDS: Record<string, UnitType> = {
  so: 'so',
  cap_so: 'so',
  ban: 'so',
  nganh: 'so',
  so_ban_nganh: 'so',
  huyen: 'huyen',
  cap_huyen: 'huyen',
  quan: 'huyen',
  thi_xa: 'huyen',
  xa: 'xa',
  cap_xa: 'xa',
  phuong: 'xa',
  thi_tran: 'xa',
  dac_khu: 'xa',
};

export function unitTypeOf(text: string): UnitType | null {
  return TYPE_WORDS[headerKey(text)] ?? null;
}

export function parseUnits(table: Table<UnitField>): { units: UnitDef[]; errors: SheetError[] } {
  const { sheet, headers } = table;
  const errors: SheetError[] = [];
  const err = (row: number, field: UnitField, code: string, message: string) => errors.push({ sheet, row, column: headers[field], code, message });
  const units: UnitDef[] = [];
  const rowOf = new Map<string, number>();
  // Parents are checked on every row that names one, valid or not, so one pass lists every problem.
  const links: { code: string; parentCode: string; row: number }[] = [];
  for (const { row, cells } of table.rows) {
    const before = errors.length;
    if (!cells.code) err(row, 'code', 'spreadsheet.required', 'Thiếu mã đơn vị.');
    else if (!Slug.safeParse(cells.code).success) err(row, 'code', 'spreadsheet.invalid_value', `Mã "${cells.code}" chỉ được gồm chữ không dấu, số, "_", "-", "." (tối đa 64 ký tự).`);
    else if (rowOf.has(cells.code)) err(row, 'code', 'spreadsheet.duplicate', `Mã "${cells.code}" trùng với dòng ${rowOf.get(cells.code)}.`);
    if (!cells.name) err(row, 'name', 'spreadsheet.required', 'Thiếu tên đơn vị.');
    else if (cells.name.length > 200) err(row, 'name', 'spreadsheet.invalid_value', 'Tên đơn vị dài quá 200 ký tự.');
    const type = unitTypeOf(cells.type);
    if (!cells.type) err(row, 'type', 'spreadsheet.required', 'Thiếu loại đơn vị (so, huyen hoặc xa).');
    else if (!type) err(row, 'type', 'spreadsheet.invalid_value', `Loại "${cells.type}" không rõ: ghi so (cấp sở), huyen (cấp huyện) hoặc xa (cấp xã, phường, đặc khu).`);
    if (cells.code && !rowOf.has(cells.code)) rowOf.set(cells.code, row);
    if (cells.code && cells.parent_code) links.push({ code: cells.code, parentCode: cells.parent_code, row });
    if (errors.length === before && type) units.push({ code: cells.code, name: cells.name, type, parentCode: cells.parent_code || null });
  }
  const parentOf = new Map(links.map((l) => [l.code, l.parentCode]));
  for (const { code, parentCode, row } of links) {
    if (parentCode === code) err(row, 'parent_code', 'spreadsheet.invalid_value', 'Đơn vị không thể là cấp trên của chính nó.');
    else if (!rowOf.has(parentCode)) err(row, 'parent_code', 'spreadsheet.unknown_reference', `Không có đơn vị mã "${parentCode}" trong tệp: thêm đơn vị cấp trên hoặc để trống ô này.`);
    else {
      // Walk up the parents: a loop (A under B under A) never reaches a unit without one.
      const seen = [code];
      for (let p = parentOf.get(code); p !== undefined; p = parentOf.get(p)) {
        if (seen.includes(p)) {
          err(row, 'parent_code', 'spreadsheet.invalid_value', `Đơn vị cấp trên tạo thành vòng lặp (${[...seen, p].join(' → ')}).`);
          break;
        }
        seen.push(p);
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { units, errors };
}

export function unitsTable(units: readonly { code: string; name: string; type: UnitType; parentCode: string | null }[]): OutTable {
  return { sheet: 'Đơn vị', header: ['code', 'name', 'type', 'parent_code'], rows: units.map((u) => [u.code, u.name, u.type, u.parentCode]) };
}
