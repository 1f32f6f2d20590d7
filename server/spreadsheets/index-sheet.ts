import { IndexTree, Slug } from '../../survey-forms/src';
import type { SheetError } from '../errors';
import { headerKey, parseNumber, type Table, type TableSpec } from './read-table';
import type { OutTable } from './write-table';

/**
 * The index tree as a spreadsheet (docs/SPREADSHEETS.md "Bộ chỉ số / Index"): one row per
 * node in outline order, `level` saying field, criterion or sub-criterion (a criterion belongs
 * to the field above it, a sub-criterion to the criterion above it), and one `total` row with
 * the survey's share of the 100 points, which the maximum points must add up to.
 */
export const INDEX_SPEC = {
  csvSheet: 'bo_chi_so',
  columns: {
    level: { aliases: ['level', 'Cấp', 'Cấp chỉ số'], required: true },
    code: { aliases: ['code', 'Mã', 'Mã tiêu chí', 'STT'], required: true },
    name: { aliases: ['name', 'Tên', 'Tên tiêu chí', 'Nội dung'], required: true },
    max_points: { aliases: ['max_points', 'Điểm tối đa', 'Điểm điều tra XHH tối đa', 'Điểm'], required: false },
  },
} as const satisfies TableSpec<string>;
type IndexField = keyof typeof INDEX_SPEC.columns;

type Level = 'field' | 'criterion' | 'sub_criterion' | 'total';
const LEVEL_WORDS: Record<string, Level> = {
  field: 'field',
  linh_vuc: 'field',
  criterion: 'criterion',
  tieu_chi: 'criterion',
  sub_criterion: 'sub_criterion',
  subcriterion: 'sub_criterion',
  tieu_chi_thanh_phan: 'sub_criterion',
  total: 'total',
  tong: 'total',
  tong_cong: 'total',
  tong_diem: 'total',
};
const LEVEL_NAMES: Record<Level, string> = { field: 'field', criterion: 'criterion', sub_criterion: 'sub_criterion', total: 'total' };

interface Draft {
  surveyShare?: number;
  fields: { code: string; name: string; row: number; criteria: { code: string; name: string; row: number; maxPoints?: number; subCriteria: { code: string; name: string; row: number; maxPoints?: number }[] }[] }[];
}

/** Reads the outline, then lets the IndexTree schema judge sums and duplicates; its findings go back to their rows. */
export function parseIndex(table: Table<IndexField>, surveyShare?: number): { index: IndexTree | null; errors: SheetError[] } {
  const { sheet, headers } = table;
  const errors: SheetError[] = [];
  const err = (row: number, field: IndexField | undefined, code: string, message: string) =>
    errors.push({ sheet, row, ...(field ? { column: headers[field] } : {}), code, message });
  const draft: Draft = { fields: [], ...(surveyShare === undefined ? {} : { surveyShare }) };
  let totalRow = 1;
  for (const { row, cells } of table.rows) {
    const level = LEVEL_WORDS[headerKey(cells.level)];
    if (!level) {
      err(row, 'level', cells.level ? 'spreadsheet.invalid_value' : 'spreadsheet.required', `Cấp "${cells.level}" không rõ: ghi linh_vuc (field), tieu_chi (criterion), tieu_chi_thanh_phan (sub_criterion) hoặc tong (total).`);
      continue;
    }
    const points = cells.max_points === '' ? undefined : parseNumber(cells.max_points);
    if (points === null || (points !== undefined && (points <= 0 || points > 100))) {
      err(row, 'max_points', 'spreadsheet.invalid_value', `Điểm tối đa "${cells.max_points}" phải là số lớn hơn 0 và không quá 100 (ví dụ 1,5).`);
      continue;
    }
    if (level === 'total') {
      if (points === undefined) err(row, 'max_points', 'spreadsheet.required', 'Dòng tổng cần điểm tối đa: phần điểm điều tra xã hội học (ví dụ 30).');
      else draft.surveyShare = points;
      totalRow = row;
      continue;
    }
    if (!cells.code || !Slug.safeParse(cells.code).success) {
      err(row, 'code', cells.code ? 'spreadsheet.invalid_value' : 'spreadsheet.required', cells.code ? `Mã "${cells.code}" chỉ được gồm chữ không dấu, số, "_", "-", "."` : 'Thiếu mã.');
      continue;
    }
    if (!cells.name) {
      err(row, 'name', 'spreadsheet.required', 'Thiếu tên.');
      continue;
    }
    const node = { code: cells.code, name: cells.name, row, ...(points === undefined ? {} : { maxPoints: points }) };
    const field = draft.fields.at(-1);
    const criterion = field?.criteria.at(-1);
    if (level === 'field') draft.fields.push({ code: node.code, name: node.name, row, criteria: [] });
    else if (level === 'criterion') {
      if (!field) err(row, 'level', 'spreadsheet.invalid_value', 'Tiêu chí phải nằm dưới một dòng lĩnh vực (linh_vuc).');
      else field.criteria.push({ ...node, subCriteria: [] });
    } else if (!criterion) err(row, 'level', 'spreadsheet.invalid_value', 'Tiêu chí thành phần phải nằm dưới một dòng tiêu chí (tieu_chi).');
    else criterion.subCriteria.push(node);
    if (level === 'field' && points !== undefined) err(row, 'max_points', 'spreadsheet.invalid_value', 'Dòng lĩnh vực không ghi điểm: điểm ghi ở tiêu chí hoặc tiêu chí thành phần.');
  }
  if (draft.surveyShare === undefined) err(1, undefined, 'spreadsheet.required', 'Thiếu dòng tổng (level "tong" hoặc "total") ghi phần điểm điều tra xã hội học, ví dụ 30.');
  if (errors.length > 0) return { index: null, errors };

  const strip = <T extends { row: number }>({ row: _row, ...rest }: T) => rest;
  const candidate = {
    surveyShare: draft.surveyShare,
    fields: draft.fields.map((f) => ({ ...strip(f), criteria: f.criteria.map((c) => ({ ...strip(c), subCriteria: c.subCriteria.map(strip) })) })),
  };
  const parsed = IndexTree.safeParse(candidate);
  if (parsed.success) return { index: parsed.data, errors };
  for (const issue of parsed.error.issues) {
    const [, fi, , ci, , si] = issue.path as (string | number)[];
    const field = typeof fi === 'number' ? draft.fields[fi] : undefined;
    const criterion = typeof ci === 'number' ? field?.criteria[ci] : undefined;
    const sub = typeof si === 'number' ? criterion?.subCriteria[si] : undefined;
    const row = (sub ?? criterion ?? field)?.row ?? totalRow;
    const last = issue.path.at(-1);
    const column: IndexField | undefined = last === 'code' ? 'code' : last === 'maxPoints' || issue.path[0] === 'surveyShare' ? 'max_points' : last === 'criteria' ? 'level' : undefined;
    const message = last === 'criteria' ? 'Lĩnh vực chưa có tiêu chí nào bên dưới.' : `${issue.message}.`;
    err(row, column, issue.path[0] === 'surveyShare' ? 'spreadsheet.sum_mismatch' : 'spreadsheet.invalid_value', message);
  }
  return { index: null, errors };
}

export function indexTable(index: IndexTree): OutTable {
  const rows: (string | number | null)[][] = [];
  for (const f of index.fields) {
    rows.push([LEVEL_NAMES.field, f.code, f.name, null]);
    for (const c of f.criteria) {
      rows.push([LEVEL_NAMES.criterion, c.code, c.name, c.maxPoints ?? null]);
      for (const s of c.subCriteria) rows.push([LEVEL_NAMES.sub_criterion, s.code, s.name, s.maxPoints ?? null]);
    }
  }
  rows.push([LEVEL_NAMES.total, '', 'Tổng điểm điều tra xã hội học', index.surveyShare]);
  return { sheet: 'Bộ chỉ số', header: ['level', 'code', 'name', 'max_points'], rows };
}
