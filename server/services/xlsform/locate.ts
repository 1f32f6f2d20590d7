import type { SheetError } from '../../errors';
import { VI_LANG } from './columns';

/**
 * Where each part of an imported questionnaire came from, so that a problem the model's own
 * schema finds (a weight above 1, a duplicate id, a condition on a later question…) is
 * reported on the Excel row and column the user has to change.
 */
export interface Located {
  survey: string;
  choices: string;
  settings: string;
  settingsRow: number;
  /** The label and hint columns as the workbook names them. */
  columns: { surveyLabel?: string; surveyHint?: string; choicesLabel?: string };
  sections: { row: number; questions: { row: number; options: number[] }[] }[];
}

const LABEL = `label::${VI_LANG}`;
const HINT = `hint::${VI_LANG}`;

const QUESTION_COLUMNS: Record<string, string> = {
  id: 'name',
  kind: 'type',
  text: LABEL,
  help: HINT,
  required: 'required',
  criterion: 'par_criterion',
  sipasElement: 'par_sipas',
  profile: 'par_profile',
  perUnit: 'par_per_unit',
  options: 'type',
  integer: 'type',
  min: 'constraint',
  max: 'constraint',
  minLength: 'constraint',
  maxLength: 'constraint',
  relevant: 'relevant',
};
const OPTION_COLUMNS: Record<string, string> = { code: 'name', label: LABEL, weight: 'par_weight', satisfied: 'par_satisfied' };
const SECTION_COLUMNS: Record<string, string> = { id: 'name', title: LABEL, description: HINT, questions: 'type' };
const SETTINGS_COLUMNS: Record<string, string> = {
  id: 'form_id',
  version: 'version',
  title: 'form_title',
  intro: 'par_intro',
  group: 'par_group',
  mode: 'par_mode',
  unitType: 'par_unit_type',
  estimatedMinutes: 'par_minutes',
};

export function locateIssue(path: readonly PropertyKey[], message: string, at: Located): SheetError {
  const [top, si, second, qi, field, oi, optionField] = path;
  const rename = (sheet: string, column: string | undefined) => {
    if (column === LABEL) return (sheet === at.choices ? at.columns.choicesLabel : at.columns.surveyLabel) ?? column;
    if (column === HINT) return at.columns.surveyHint ?? column;
    return column;
  };
  const fail = (sheet: string, row: number, c: string | undefined): SheetError => {
    const column = rename(sheet, c);
    return { sheet, row, ...(column ? { column } : {}), code: 'spreadsheet.invalid', message };
  };
  if (top === 'sections' && si === undefined) return { sheet: at.survey, row: 1, column: 'type', code: 'spreadsheet.invalid', message: 'Trang survey chưa có câu hỏi nào' };
  if (top !== 'sections' || typeof si !== 'number') return fail(at.settings, at.settingsRow, SETTINGS_COLUMNS[String(top)]);
  const section = at.sections[si];
  if (!section) return fail(at.survey, 1, undefined);
  if (second !== 'questions' || typeof qi !== 'number') return fail(at.survey, section.row, SECTION_COLUMNS[String(second)]);
  const question = section.questions[qi];
  if (!question) return fail(at.survey, section.row, 'type');
  if (field === 'options' && typeof oi === 'number') {
    const row = question.options[oi];
    if (row !== undefined) return fail(at.choices, row, OPTION_COLUMNS[String(optionField)]);
  }
  return fail(at.survey, question.row, QUESTION_COLUMNS[String(field)]);
}
