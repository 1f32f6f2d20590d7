import { MAX_RELEVANCE_DEPTH, type Relevance, relevanceDepth } from '../../../survey-forms/src/relevance';
import type { SheetError } from '../../errors';
import { languageColumns, yesNo } from './columns';
import { ExpressionError, parseConstraint, parseRelevant } from './expressions';
import type { ReadSheet, SheetRow } from './sheet-reader';

/**
 * The `survey` sheet → sections of questions (still unvalidated input), each remembering its
 * Excel row so that the model's own checks can be reported on the right row and column.
 * Groups become sections; a nested group's questions join its top-level group.
 */
export interface QuestionDraft {
  row: number;
  /** The choice list a select question takes its options from. */
  listName?: string;
  input: Record<string, unknown>;
}

export interface SectionDraft {
  row: number;
  input: { id: string; title: string; description?: string };
  questions: QuestionDraft[];
}

const QUESTION_TYPES: Record<string, Record<string, unknown>> = {
  text: { kind: 'text' },
  string: { kind: 'text' },
  integer: { kind: 'number', integer: true },
  int: { kind: 'number', integer: true },
  decimal: { kind: 'number' },
  date: { kind: 'date' },
  note: { kind: 'note' },
};
/** Metadata ODK records on its own; there is nothing to ask, so the row is skipped with a warning. */
const METADATA = new Set(['start', 'end', 'today', 'deviceid', 'username', 'simserial', 'subscriberid', 'phonenumber', 'email', 'audit']);

export interface SurveyResult {
  sections: SectionDraft[];
}

export function readSurvey(sheet: ReadSheet, errors: SheetError[], warnings: SheetError[]): SurveyResult {
  const label = languageColumns(sheet, 'label').chosen?.written;
  const hint = languageColumns(sheet, 'hint').chosen?.written;
  const col = (base: string) => sheet.headers.find((h) => h.base === base && h.lang === undefined)?.written;
  const cols = { type: col('type'), name: col('name'), required: col('required'), relevant: col('relevant'), constraint: col('constraint') };
  const err = (row: number, column: string | undefined, message: string, code = 'spreadsheet.invalid') =>
    errors.push({ sheet: sheet.name, row, ...(column ? { column } : {}), code, message });
  if (!cols.type || !cols.name) {
    err(1, undefined, 'Trang survey cần các cột "type" và "name"');
    return { sections: [] };
  }
  if (!label) err(1, undefined, `Trang survey cần cột "label::Tiếng Việt (vi)" hoặc "label"`);

  const sections: SectionDraft[] = [];
  const groups: { row: number; name: string; relevant?: Relevance }[] = [];
  let current: SectionDraft | undefined;
  const get = (r: SheetRow, column: string | undefined) => (column ? r.cells.get(column) : undefined);
  const text = (r: SheetRow, column: string | undefined) => get(r, column)?.trim() ?? '';

  const relevantOf = (r: SheetRow): Relevance | undefined => {
    const src = get(r, cols.relevant);
    if (src === undefined) return undefined;
    try {
      return parseRelevant(src);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      err(r.row, cols.relevant, `Điều kiện hiển thị không hợp lệ: ${e.message}`, 'xlsform.expression');
      return undefined;
    }
  };

  for (const r of sheet.rows) {
    const type = text(r, cols.type).toLowerCase().replace(/\s+/g, ' ');
    if (type === '') {
      err(r.row, cols.type, 'Dòng có dữ liệu nhưng thiếu loại câu hỏi (type)');
      continue;
    }
    const name = text(r, cols.name);
    if (type === 'begin group' || type === 'begin_group') {
      groups.push({ row: r.row, name, ...withRelevant(relevantOf(r)) });
      if (groups.length === 1) {
        const description = get(r, hint);
        current = { row: r.row, input: { id: name, title: get(r, label) ?? '', ...(description !== undefined ? { description } : {}) }, questions: [] };
        sections.push(current);
      } else {
        warnings.push({ sheet: sheet.name, row: r.row, column: cols.type, code: 'xlsform.nested_group', message: `Nhóm lồng nhau "${name}" được gộp vào phần "${groups[0]?.name ?? ''}"` });
      }
      continue;
    }
    if (type === 'end group' || type === 'end_group') {
      if (!groups.pop()) err(r.row, cols.type, '"end group" không có "begin group" tương ứng');
      if (groups.length === 0) current = undefined;
      continue;
    }
    if (METADATA.has(type)) {
      warnings.push({ sheet: sheet.name, row: r.row, column: cols.type, code: 'xlsform.metadata_skipped', message: `Trường siêu dữ liệu "${type}" không được lưu và bị bỏ qua` });
      continue;
    }
    const select = /^(select_one|select one|select_multiple|select all that apply|select_multiple_from_file|select_one_from_file)\s+(\S+)(\s+or_other)?$/.exec(type);
    const fixed = QUESTION_TYPES[type];
    if ((!select && !fixed) || select?.[1]?.endsWith('from_file') || select?.[3]) {
      const why = /repeat/.test(type)
        ? 'Nhóm lặp (repeat) không được hỗ trợ'
        : select?.[3]
          ? '"or_other" không được hỗ trợ: hãy thêm phương án "Khác" và một câu hỏi văn bản có điều kiện'
          : `Loại câu hỏi "${type}" không được hỗ trợ (dùng text, integer, decimal, select_one, select_multiple, date, note, begin group, end group)`;
      err(r.row, cols.type, why, 'xlsform.unsupported_type');
      continue;
    }
    const input: Record<string, unknown> = { id: name, ...(fixed ?? { kind: select?.[1]?.startsWith('select_one') || select?.[1] === 'select one' ? 'single' : 'multi' }) };
    if (get(r, label) !== undefined) input.text = get(r, label);
    if (get(r, hint) !== undefined) input.help = get(r, hint);
    flag(r, cols.required, 'required', input, err);
    flag(r, col('par_profile'), 'profile', input, err);
    flag(r, col('par_per_unit'), 'perUnit', input, err);
    if (get(r, col('par_criterion')) !== undefined) input.criterion = text(r, col('par_criterion'));
    if (get(r, col('par_sipas')) !== undefined) input.sipasElement = text(r, col('par_sipas'));
    const constraint = get(r, cols.constraint);
    if (constraint !== undefined) {
      try {
        Object.assign(input, parseConstraint(constraint, input.integer === true));
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        err(r.row, cols.constraint, `Ràng buộc không hợp lệ: ${e.message}`, 'xlsform.expression');
      }
    }
    const conditions = [...groups.map((g) => g.relevant), relevantOf(r)].filter((x): x is Relevance => x !== undefined);
    if (conditions.length > 0) {
      const relevant: Relevance = conditions.length === 1 ? (conditions[0] as Relevance) : { op: 'and', args: conditions };
      if (relevanceDepth(relevant) > MAX_RELEVANCE_DEPTH) err(r.row, cols.relevant, `Điều kiện hiển thị (kể cả của nhóm) lồng nhau quá ${MAX_RELEVANCE_DEPTH} cấp`, 'xlsform.expression');
      else input.relevant = relevant;
    }
    if (!current) {
      const n = sections.length + 1;
      current = { row: r.row, input: { id: `phan_${n}`, title: `Phần ${n}` }, questions: [] };
      sections.push(current);
      warnings.push({ sheet: sheet.name, row: r.row, column: cols.type, code: 'xlsform.implicit_section', message: `Câu hỏi nằm ngoài nhóm: đặt vào "Phần ${n}" (hãy dùng begin group để đặt tên phần)` });
    }
    current.questions.push({ row: r.row, ...(select?.[2] ? { listName: select[2] } : {}), input });
  }
  for (const g of groups) err(g.row, cols.type, `Nhóm "${g.name}" thiếu dòng "end group"`);
  return { sections };
}

function withRelevant(relevant: Relevance | undefined): { relevant?: Relevance } {
  return relevant ? { relevant } : {};
}

function flag(r: SheetRow, column: string | undefined, field: string, input: Record<string, unknown>, err: (row: number, column: string | undefined, message: string) => void): void {
  if (!column) return;
  const v = yesNo(r.cells.get(column));
  if (v === null) err(r.row, column, 'Cần "yes" hoặc "no"');
  else if (v !== undefined) input[field] = v;
}
