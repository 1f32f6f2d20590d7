import type { AnswerOption, Question } from '../../survey-forms/src/questionnaire';

/**
 * The pure part of the cross-evaluation matrix (docs/PWA.md "The cross-evaluation matrix"):
 * which cells a page shows, what is left per unit, where the first gap is, what "fill the
 * column" and "skip this unit" would change. No DOM, no Solid: tested in pwa/test/matrix-logic.test.ts.
 */
export type MatrixMode = 'question' | 'unit';

export interface MatrixUnit {
  id: string;
  name: string;
}

/** What the matrix asks of the form: answers, skip logic and problems by (question, unit). */
export interface CellSource {
  value: (questionId: string, unitId: string) => string | undefined;
  shown: (questionId: string, unitId: string) => boolean;
}

/**
 * A matrix this small (e.g. 2 questions × 3 units) fits about one phone screen, so it is shown
 * whole; anything larger is paged: one question with its units, or one unit with its questions.
 */
export const WHOLE_MATRIX_MAX_CELLS = 8;

/** Units rendered at once on a question's page; more follow as the respondent scrolls near the end. */
export const ROWS_AT_ONCE = 30;

export function isPaged(questions: number, units: number): boolean {
  return questions * units > WHOLE_MATRIX_MAX_CELLS;
}

/** A–D, "?" for the don't-know option (weight null): the short label of a chip. */
export function shortLabel(option: AnswerOption, index: number): string {
  if (option.weight === null) return '?';
  return option.code.length <= 2 ? option.code.toUpperCase() : String.fromCharCode(65 + index);
}

/** The "don't know / no opinion" option of a question, if it has one. */
export function dontKnowOption(question: Question): AnswerOption | undefined {
  return question.options.find((o) => o.weight === null);
}

export interface UnitProgress {
  answered: number;
  total: number;
}

/** Answered and shown cells per unit (skip logic hides cells; a hidden cell counts for nothing). */
export function unitProgress(questions: readonly Question[], units: readonly MatrixUnit[], cells: CellSource): Map<string, UnitProgress> {
  const out = new Map<string, UnitProgress>();
  for (const unit of units) {
    let answered = 0;
    let total = 0;
    for (const q of questions) {
      if (!cells.shown(q.id, unit.id)) continue;
      total++;
      if (cells.value(q.id, unit.id) !== undefined) answered++;
    }
    out.set(unit.id, { answered, total });
  }
  return out;
}

/** The whole matrix's figures: cells answered of cells shown, and units with nothing left. */
export function totalProgress(progress: ReadonlyMap<string, UnitProgress>): { answered: number; total: number; unitsDone: number } {
  let answered = 0;
  let total = 0;
  let unitsDone = 0;
  for (const p of progress.values()) {
    answered += p.answered;
    total += p.total;
    if (p.answered === p.total) unitsDone++;
  }
  return { answered, total, unitsDone };
}

export interface CellRef {
  questionId: string;
  unitId: string;
}

/**
 * The first cell for which `wanted` holds, in reading order of the mode: question by question
 * (down each column) or unit by unit (across each row). Its page is the question's or the unit's index.
 */
export function firstCell(mode: MatrixMode, questions: readonly Question[], units: readonly MatrixUnit[], wanted: (questionId: string, unitId: string) => boolean): (CellRef & { page: number }) | null {
  if (mode === 'question') {
    for (const [page, q] of questions.entries()) for (const u of units) if (wanted(q.id, u.id)) return { questionId: q.id, unitId: u.id, page };
  } else {
    for (const [page, u] of units.entries()) for (const q of questions) if (wanted(q.id, u.id)) return { questionId: q.id, unitId: u.id, page };
  }
  return null;
}

/** Where a reopened form resumes: the first page with a shown, unanswered cell (else the first page). */
export function resumePage(mode: MatrixMode, questions: readonly Question[], units: readonly MatrixUnit[], cells: CellSource): number {
  return firstCell(mode, questions, units, (q, u) => cells.shown(q, u) && cells.value(q, u) === undefined)?.page ?? 0;
}

export interface FillPlan {
  /** Cells that are blank: filled without asking. */
  blank: string[];
  /** Cells holding another answer: replaced only if the respondent agrees. */
  replace: string[];
}

/** What filling `value` into these (unit) cells would do, shown cells only; cells already holding it are left out. */
export function fillPlan(unitIds: readonly string[], current: (unitId: string) => string | undefined, shown: (unitId: string) => boolean, value: string): FillPlan {
  const blank: string[] = [];
  const replace: string[] = [];
  for (const id of unitIds) {
    if (!shown(id)) continue;
    const now = current(id);
    if (now === undefined) blank.push(id);
    else if (now !== value) replace.push(id);
  }
  return { blank, replace };
}

/**
 * "Không đánh giá cả đơn vị": the don't-know answer for each shown question of one unit that has one.
 * Keyed by question id; `replace` lists the questions already answered otherwise.
 */
export function unitSkipPlan(questions: readonly Question[], unitId: string, cells: CellSource): { set: Map<string, string>; replace: string[] } {
  const set = new Map<string, string>();
  const replace: string[] = [];
  for (const q of questions) {
    const dk = dontKnowOption(q);
    if (!dk || !cells.shown(q.id, unitId)) continue;
    const now = cells.value(q.id, unitId);
    if (now === dk.code) continue;
    set.set(q.id, dk.code);
    if (now !== undefined) replace.push(q.id);
  }
  return { set, replace };
}

/** Lower case without Vietnamese diacritics ("Tân Phú" → "tan phu", "Đông" → "dong"), for search. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Units whose name holds every word of the query, diacritics and case ignored, at most `limit`. */
export function findUnits<U extends MatrixUnit>(units: readonly U[], query: string, limit = 8): U[] {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const out: U[] = [];
  for (const u of units) {
    const name = fold(u.name);
    if (words.every((w) => name.includes(w))) out.push(u);
    if (out.length >= limit) break;
  }
  return out;
}
