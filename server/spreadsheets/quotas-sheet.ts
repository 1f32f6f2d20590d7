import type { UnitType } from '../../survey-forms/src';
import type { SheetError } from '../errors';
import type { QuotaCell } from '../services/campaign-quotas';
import { headerKey, type Table, type TableSpec } from './read-table';
import { unitTypeOf } from './units-sheet';
import type { OutTable } from './write-table';

/**
 * Quotas as a spreadsheet (docs/SPREADSHEETS.md "Chỉ tiêu / Quotas"): each row names either
 * one unit (`unit_code`) or every unit of a type (`unit_type`), a group (code or name), the
 * target and the minimum respondents (default 3). Rows for one unit override its type's row.
 */
export const QUOTAS_SPEC = {
  csvSheet: 'chi_tieu',
  columns: {
    unit_code: { aliases: ['unit_code', 'Mã đơn vị'], required: false },
    unit_type: { aliases: ['unit_type', 'Loại đơn vị'], required: false },
    group: { aliases: ['group', 'group_code', 'Nhóm', 'Mã nhóm', 'Nhóm đối tượng'], required: true },
    target: { aliases: ['target', 'Chỉ tiêu', 'Số phiếu'], required: true },
    min_respondents: { aliases: ['min_respondents', 'Tối thiểu', 'Số người trả lời tối thiểu', 'Số người tối thiểu'], required: false },
    unit_name: { aliases: ['unit_name', 'Tên đơn vị'], required: false },
  },
} as const satisfies TableSpec<string>;
type QuotaField = keyof typeof QUOTAS_SPEC.columns;

export interface QuotaContext {
  units: readonly { id: string; code: string; name: string; type: UnitType }[];
  groups: readonly { code: string; name: string }[];
}

const count = (text: string): number | null => (/^\d{1,6}$/.test(text) ? Number(text) : null);

export function parseQuotas(table: Table<QuotaField>, ctx: QuotaContext): { cells: QuotaCell[]; errors: SheetError[] } {
  const { sheet, headers } = table;
  const errors: SheetError[] = [];
  const err = (row: number, field: QuotaField, code: string, message: string) => errors.push({ sheet, row, column: headers[field], code, message });
  if (!table.present.includes('unit_code') && !table.present.includes('unit_type')) {
    err(1, 'unit_code', 'spreadsheet.column_missing', 'Thiếu cột "unit_code" (Mã đơn vị) hoặc "unit_type" (Loại đơn vị) ở dòng tiêu đề.');
    return { cells: [], errors };
  }
  const unitByCode = new Map(ctx.units.map((u) => [u.code, u]));
  const groupByKey = new Map<string, string>();
  for (const g of ctx.groups) {
    groupByKey.set(headerKey(g.name), g.code);
    groupByKey.set(headerKey(g.code), g.code);
  }
  const bulk = new Map<string, QuotaCell & { row: number }>();
  const single = new Map<string, QuotaCell & { row: number }>();
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const group = groupByKey.get(headerKey(cells.group));
    const target = count(cells.target);
    const min = cells.min_respondents === '' ? 3 : count(cells.min_respondents);
    const before = errors.length;
    if (!cells.group) err(row, 'group', 'spreadsheet.required', 'Thiếu nhóm đối tượng.');
    else if (!group) err(row, 'group', 'spreadsheet.unknown_reference', `Nhóm "${cells.group}" không có trong đợt khảo sát: ghi mã nhóm (ví dụ cong_chuc) hoặc thêm nhóm ở bước "Nhóm".`);
    if (target === null) err(row, 'target', 'spreadsheet.invalid_value', `Chỉ tiêu "${cells.target}" phải là số nguyên từ 0 trở lên.`);
    if (min === null) err(row, 'min_respondents', 'spreadsheet.invalid_value', `Số người tối thiểu "${cells.min_respondents}" phải là số nguyên từ 0 trở lên.`);
    let units: typeof ctx.units = [];
    let key = '';
    if (cells.unit_code && cells.unit_type) err(row, 'unit_type', 'spreadsheet.invalid_value', 'Ghi mã đơn vị hoặc loại đơn vị, không ghi cả hai.');
    else if (cells.unit_code) {
      const unit = unitByCode.get(cells.unit_code);
      if (!unit) err(row, 'unit_code', 'spreadsheet.unknown_reference', `Không có đơn vị mã "${cells.unit_code}" trong đợt khảo sát: kiểm tra mã hoặc nhập danh sách đơn vị trước.`);
      else {
        units = [unit];
        key = `u:${unit.code}`;
      }
    } else if (cells.unit_type) {
      const type = unitTypeOf(cells.unit_type);
      if (!type) err(row, 'unit_type', 'spreadsheet.invalid_value', `Loại "${cells.unit_type}" không rõ: ghi so, huyen hoặc xa.`);
      else {
        units = ctx.units.filter((u) => u.type === type);
        key = `t:${type}`;
      }
    } else err(row, 'unit_code', 'spreadsheet.required', 'Thiếu mã đơn vị (hoặc loại đơn vị để đặt cho mọi đơn vị cùng loại).');
    if (errors.length > before || !group || target === null || min === null) continue;
    const dupKey = `${key}/${group}`;
    if (seen.has(dupKey)) {
      err(row, 'group', 'spreadsheet.duplicate', `Trùng với dòng ${seen.get(dupKey)} (cùng đơn vị và nhóm).`);
      continue;
    }
    seen.set(dupKey, row);
    const into = key.startsWith('u:') ? single : bulk;
    for (const u of units) into.set(`${u.id}/${group}`, { unitId: u.id, groupCode: group, target, minRespondents: min, row });
  }
  const merged = new Map([...bulk, ...single]);
  return { cells: [...merged.values()].filter((c) => c.target > 0).map(({ row: _row, ...c }) => c), errors };
}

export function quotasTable(cells: readonly QuotaCell[], ctx: QuotaContext): OutTable {
  const unitById = new Map(ctx.units.map((u) => [u.id, u]));
  const rows = cells
    .map((c) => ({ c, u: unitById.get(c.unitId) }))
    .filter((x): x is { c: QuotaCell; u: QuotaContext['units'][number] } => x.u !== undefined)
    .sort((a, b) => a.u.code.localeCompare(b.u.code) || a.c.groupCode.localeCompare(b.c.groupCode))
    .map(({ c, u }) => [u.code, null, c.groupCode, c.target, c.minRespondents, u.name]);
  return { sheet: 'Chỉ tiêu', header: ['unit_code', 'unit_type', 'group', 'target', 'min_respondents', 'unit_name'], rows };
}
