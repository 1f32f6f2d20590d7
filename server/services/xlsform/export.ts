import ExcelJS from 'exceljs';
import type { AnswerOption, Question, Questionnaire } from '../../../survey-forms/src/questionnaire';
import { conditionOf } from '../../../survey-forms/src/validate-response';
import { allQuestions } from '../../../survey-forms/src/questions';
import { VI_LANG } from './columns';
import { formatConstraint, formatRelevant } from './expressions';

/**
 * Questionnaire → XLSForm workbook (docs/SPREADSHEETS.md "XLSForm"). Importing the result
 * gives back the same questionnaire: each section is a group, each select question has its
 * own choice list named after it, and the PAR columns carry what XLSForm has no column for.
 */
const LABEL = `label::${VI_LANG}`;
const HINT = `hint::${VI_LANG}`;
const SURVEY = ['type', 'name', LABEL, HINT, 'required', 'relevant', 'constraint', 'par_criterion', 'par_profile', 'par_per_unit', 'par_sipas'];
const CHOICES = ['list_name', 'name', LABEL, 'par_weight', 'par_dont_know', 'par_satisfied'];
const SETTINGS = ['form_id', 'version', 'form_title', 'par_group', 'par_mode', 'par_unit_type', 'par_intro', 'par_minutes', 'default_language'];

type Row = Record<string, string | number | undefined>;
const yes = (b: boolean | undefined) => (b ? 'yes' : undefined);

function typeOf(q: Question): string {
  switch (q.kind) {
    case 'single':
      return `select_one ${q.id}`;
    case 'multi':
      return `select_multiple ${q.id}`;
    case 'number':
      return q.integer ? 'integer' : 'decimal';
    default:
      return q.kind;
  }
}

function questionRow(q: Question, byId: ReadonlyMap<string, Question>): Row {
  const relevant = conditionOf(q, byId);
  const constraint = formatConstraint({ min: q.min, max: q.max, minLength: q.minLength, maxLength: q.maxLength });
  return {
    type: typeOf(q),
    name: q.id,
    [LABEL]: q.text,
    [HINT]: q.help,
    required: yes(q.required),
    relevant: relevant ? formatRelevant(relevant) : undefined,
    constraint: constraint || undefined,
    par_criterion: q.criterion,
    par_profile: yes(q.profile),
    par_per_unit: yes(q.perUnit),
    par_sipas: q.sipasElement,
  };
}

function choiceRow(listName: string, o: AnswerOption): Row {
  return {
    list_name: listName,
    name: o.code,
    [LABEL]: o.label,
    par_weight: typeof o.weight === 'number' ? o.weight : undefined,
    par_dont_know: o.weight === null ? 'yes' : undefined,
    par_satisfied: o.satisfied === undefined ? undefined : o.satisfied ? 'yes' : 'no',
  };
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: string[], rows: Row[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c, key: c, width: c === LABEL ? 60 : c === HINT || c === 'par_intro' ? 40 : Math.max(12, c.length + 2) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    // Text stays text: a code like "1" or a label like "=…" is written as a string, never a number or formula.
    ws.addRow(columns.map((c) => r[c] ?? null));
  }
  if (columns.includes(LABEL)) ws.getColumn(columns.indexOf(LABEL) + 1).alignment = { wrapText: true, vertical: 'top' };
}

export async function exportXlsform(q: Questionnaire): Promise<Buffer> {
  const byId = new Map(allQuestions(q).map((x) => [x.id, x]));
  const survey: Row[] = [];
  const choices: Row[] = [];
  for (const section of q.sections) {
    survey.push({ type: 'begin group', name: section.id, [LABEL]: section.title, [HINT]: section.description });
    for (const question of section.questions) {
      survey.push(questionRow(question, byId));
      for (const o of question.options) choices.push(choiceRow(question.id, o));
    }
    survey.push({ type: 'end group', name: section.id });
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'par-survey';
  addSheet(wb, 'survey', SURVEY, survey);
  addSheet(wb, 'choices', CHOICES, choices);
  addSheet(wb, 'settings', SETTINGS, [
    {
      form_id: q.id,
      version: q.version,
      form_title: q.title,
      par_group: q.group,
      par_mode: q.mode,
      par_unit_type: q.unitType,
      par_intro: q.intro === '' ? undefined : q.intro,
      par_minutes: q.estimatedMinutes,
      default_language: VI_LANG,
    },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
