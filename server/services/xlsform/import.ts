import type ExcelJS from 'exceljs';
import { Questionnaire } from '../../../survey-forms/src/questionnaire';
import type { SheetError } from '../../errors';
import { CHOICES_COLUMNS, checkColumns, languageColumns, numberOf, SETTINGS_COLUMNS, SHEETS, SURVEY_COLUMNS, yesNo } from './columns';
import { locateIssue, type Located } from './locate';
import { loadWorkbook, type ReadSheet, readSheet } from './sheet-reader';
import { readSurvey } from './survey-rows';
import { zipProblem } from '../../spreadsheets/zip-guard';

/**
 * XLSForm workbook → questionnaire (docs/SPREADSHEETS.md "XLSForm"). Every problem of the
 * workbook is listed at once with sheet, Excel row and column; nothing unsupported is dropped
 * without saying so (refused, or a warning when it only affects presentation).
 */
export interface XlsformDefaults {
  group?: string;
  mode?: string;
  unitType?: string;
}

export type XlsformImport =
  | { ok: true; questionnaire: Questionnaire; versionGiven: boolean; warnings: SheetError[] }
  | { ok: false; unreadable?: string; errors: SheetError[]; warnings: SheetError[] };

interface ChoiceDraft {
  row: number;
  code: string;
  label?: string;
  weight?: number | null;
  /** Blank weight and no "don't know" mark: "don't know" on scored questions, no weight elsewhere. */
  blankWeight: boolean;
  satisfied?: boolean;
}

export async function importXlsform(bytes: Buffer, defaults: XlsformDefaults = {}): Promise<XlsformImport> {
  const errors: SheetError[] = [];
  const warnings: SheetError[] = [];
  const refused = zipProblem(bytes);
  if (refused) return { ok: false, unreadable: refused.reason, errors, warnings };
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadWorkbook(bytes);
  } catch {
    return { ok: false, unreadable: 'Không đọc được tệp: tệp không phải bảng tính .xlsx hợp lệ hoặc bị hỏng', errors, warnings };
  }
  const sheet = (name: string) => wb.worksheets.find((w) => w.name.trim().toLowerCase() === name);
  const read = (name: string): ReadSheet | undefined => {
    const ws = sheet(name);
    return ws ? readSheet(ws, errors) : undefined;
  };
  const survey = read(SHEETS.survey);
  if (!survey) {
    errors.push({ sheet: SHEETS.survey, row: 1, code: 'spreadsheet.invalid', message: 'Thiếu trang "survey" (danh sách câu hỏi)' });
    return { ok: false, errors, warnings };
  }
  const choicesSheet = read(SHEETS.choices);
  const settingsSheet = read(SHEETS.settings);
  checkColumns(survey, SURVEY_COLUMNS, errors, warnings);
  if (choicesSheet) checkColumns(choicesSheet, CHOICES_COLUMNS, errors, warnings);
  if (settingsSheet) checkColumns(settingsSheet, SETTINGS_COLUMNS, errors, warnings);

  const { sections } = readSurvey(survey, errors, warnings);
  const lists = readChoices(choicesSheet, errors);
  const settings = readSettings(settingsSheet, defaults, errors);

  const located: Located = { survey: survey.name, choices: choicesSheet?.name ?? SHEETS.choices, settings: settingsSheet?.name ?? SHEETS.settings, sections: [], settingsRow: settings.row,
    columns: {
      surveyLabel: languageColumns(survey, 'label').chosen?.written,
      surveyHint: languageColumns(survey, 'hint').chosen?.written,
      choicesLabel: choicesSheet ? languageColumns(choicesSheet, 'label').chosen?.written : undefined,
    },
  };
  const usedLists = new Set<string>();
  const sectionInputs = sections.map((s) => {
    const questions = s.questions.map((q) => {
      const list = q.listName === undefined ? undefined : lists.get(q.listName);
      if (q.listName !== undefined) {
        usedLists.add(q.listName);
        if (!list) errors.push({ sheet: survey.name, row: q.row, column: 'type', code: 'spreadsheet.invalid', message: `Không có danh sách phương án "${q.listName}" trên trang choices` });
      }
      const scored = typeof q.input.criterion === 'string';
      const options = (list ?? []).map((c) => ({
        code: c.code,
        ...(c.label !== undefined ? { label: c.label } : {}),
        ...(c.weight !== undefined ? { weight: c.weight } : c.blankWeight && scored ? { weight: null } : {}),
        ...(c.satisfied !== undefined ? { satisfied: c.satisfied } : {}),
      }));
      return { question: { ...q.input, options }, rows: { row: q.row, options: (list ?? []).map((c) => c.row) } };
    });
    located.sections.push({ row: s.row, questions: questions.map((q) => q.rows) });
    return { ...s.input, questions: questions.map((q) => q.question) };
  });
  for (const [name, list] of lists) {
    if (!usedLists.has(name)) warnings.push({ sheet: located.choices, row: list[0]?.row ?? 1, column: 'list_name', code: 'xlsform.unused_list', message: `Danh sách phương án "${name}" không được câu hỏi nào dùng` });
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors), warnings };

  const input = { ...settings.values, version: settings.values.version ?? 1, sections: sectionInputs };
  const parsed = Questionnaire.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(locateIssue(issue.path, issue.message, located));
    return { ok: false, errors: sortErrors(errors), warnings };
  }
  return { ok: true, questionnaire: parsed.data, versionGiven: settings.values.version !== undefined, warnings };
}

function sortErrors(errors: SheetError[]): SheetError[] {
  const order: Record<string, number> = { settings: 0, survey: 1, choices: 2 };
  return [...errors].sort((a, b) => (order[a.sheet.toLowerCase()] ?? 3) - (order[b.sheet.toLowerCase()] ?? 3) || a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
}

function readChoices(sheet: ReadSheet | undefined, errors: SheetError[]): Map<string, ChoiceDraft[]> {
  const lists = new Map<string, ChoiceDraft[]>();
  if (!sheet) return lists;
  const label = languageColumns(sheet, 'label').chosen?.written;
  const col = (base: string) => sheet.headers.find((h) => h.base === base && h.lang === undefined)?.written;
  const [listCol, nameCol, weightCol, dkCol, satCol] = ['list_name', 'name', 'par_weight', 'par_dont_know', 'par_satisfied'].map(col);
  const err = (row: number, column: string | undefined, message: string) => errors.push({ sheet: sheet.name, row, ...(column ? { column } : {}), code: 'spreadsheet.invalid', message });
  if (!listCol || !nameCol) {
    err(1, undefined, 'Trang choices cần các cột "list_name" và "name"');
    return lists;
  }
  for (const r of sheet.rows) {
    const list = r.cells.get(listCol)?.trim();
    const code = r.cells.get(nameCol)?.trim();
    if (!list) err(r.row, listCol, 'Thiếu tên danh sách (list_name)');
    if (!code) err(r.row, nameCol, 'Thiếu mã phương án (name)');
    if (!list || !code) continue;
    const choice: ChoiceDraft = { row: r.row, code, blankWeight: true };
    const text = label ? r.cells.get(label) : undefined;
    if (text !== undefined) choice.label = text;
    const weightText = weightCol ? r.cells.get(weightCol) : undefined;
    if (weightText !== undefined) {
      const w = numberOf(weightText);
      if (Number.isNaN(w)) err(r.row, weightCol, `Trọng số phải là số từ 0 đến 1, không phải "${weightText}"`);
      else choice.weight = w;
      choice.blankWeight = false;
    }
    const dk = yesNo(dkCol ? r.cells.get(dkCol) : undefined);
    if (dk === null) err(r.row, dkCol, 'Cần "yes" hoặc "no"');
    if (dk === true) {
      if (weightText !== undefined) err(r.row, weightCol, 'Phương án "không biết" (par_dont_know) không có trọng số: hãy để trống par_weight');
      choice.weight = null;
      choice.blankWeight = false;
    }
    const sat = yesNo(satCol ? r.cells.get(satCol) : undefined);
    if (sat === null) err(r.row, satCol, 'Cần "yes" hoặc "no"');
    else if (sat !== undefined) choice.satisfied = sat;
    lists.set(list, [...(lists.get(list) ?? []), choice]);
  }
  return lists;
}

const SETTING_FIELDS = {
  form_id: 'id',
  form_title: 'title',
  par_intro: 'intro',
  par_group: 'group',
  par_mode: 'mode',
  par_unit_type: 'unitType',
} as const;

function readSettings(sheet: ReadSheet | undefined, defaults: XlsformDefaults, errors: SheetError[]): { row: number; values: Record<string, unknown> & { version?: number } } {
  const values: Record<string, unknown> & { version?: number } = {};
  if (defaults.group) values.group = defaults.group;
  if (defaults.mode) values.mode = defaults.mode;
  if (defaults.unitType) values.unitType = defaults.unitType;
  const name = sheet?.name ?? SHEETS.settings;
  const row = sheet?.rows[0];
  const at = row?.row ?? 2;
  if (sheet && sheet.rows.length > 1) errors.push({ sheet: name, row: sheet.rows[1]?.row ?? 3, code: 'spreadsheet.invalid', message: 'Trang settings chỉ có một dòng giá trị (dòng 2)' });
  const cell = (base: string) => {
    const header = sheet?.headers.find((h) => h.base === base && h.lang === undefined);
    return header ? { column: header.written, text: row?.cells.get(header.written) } : { column: base, text: undefined };
  };
  for (const [column, field] of Object.entries(SETTING_FIELDS)) {
    const text = cell(column).text;
    // Settings win over the query: the workbook says what it is.
    if (text !== undefined) values[field] = field === 'intro' || field === 'title' ? text : text.trim();
  }
  const whole = (column: string, field: string) => {
    const c = cell(column);
    if (c.text === undefined) return;
    const n = numberOf(c.text);
    if (!Number.isInteger(n) || n < 1) errors.push({ sheet: name, row: at, column: c.column, code: 'spreadsheet.invalid', message: `Cần một số nguyên dương, không phải "${c.text}"` });
    else values[field] = n;
  };
  whole('version', 'version');
  whole('par_minutes', 'estimatedMinutes');
  if (values.id === undefined) errors.push({ sheet: name, row: at, column: 'form_id', code: 'spreadsheet.invalid', message: 'Thiếu mã phiếu (form_id) trên trang settings' });
  if (values.title === undefined) errors.push({ sheet: name, row: at, column: 'form_title', code: 'spreadsheet.invalid', message: 'Thiếu tên phiếu (form_title) trên trang settings' });
  for (const [field, column, what] of [['group', 'par_group', 'nhóm đối tượng'], ['mode', 'par_mode', 'hình thức (own_unit hoặc cross)'], ['unitType', 'par_unit_type', 'loại đơn vị (so, huyen, xa)']] as const) {
    if (values[field] === undefined) errors.push({ sheet: name, row: at, column, code: 'spreadsheet.invalid', message: `Thiếu ${what}: ghi vào cột ${column} trên trang settings` });
  }
  return { row: at, values };
}
