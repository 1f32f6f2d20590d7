import type { Question, Questionnaire } from './questionnaire';
import { allQuestions } from './questions';
import { evaluateRelevance, type Relevance, showIfAsRelevance } from './relevance';
import type { AnswerValue, Response } from './response';

/**
 * THE answer validator shared by server and PWA: (questionnaire version, response, scope) →
 * every problem with its path. An empty list means the response may be stored.
 */
export type ProblemCode =
  | 'questionnaire.mismatch'
  | 'response.group_mismatch'
  | 'response.time_order'
  | 'response.multiple_units'
  | 'answer.unknown_question'
  | 'answer.profile_misplaced'
  | 'answer.unit_required'
  | 'answer.unit_not_allowed'
  | 'answer.unit_out_of_scope'
  | 'answer.duplicate'
  | 'answer.wrong_type'
  | 'answer.not_in_options'
  | 'answer.out_of_range'
  | 'answer.too_long'
  | 'answer.too_short'
  | 'answer.not_integer'
  | 'answer.invalid_date'
  | 'answer.display_only'
  | 'answer.required'
  | 'answer.hidden';

export interface Problem {
  path: (string | number)[];
  code: ProblemCode;
  message: string;
}

export interface ResponseScope {
  /** The units this respondent may rate: one for own-unit forms, all of a type for cross forms. */
  unitIds: readonly string[];
}

const NO_UNIT = '';

/** Whether a value counts as an answer (null, '' and [] are blanks). */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** What is wrong with one value for one question, or null. Blank values are not checked here. */
export function valueProblem(question: Question, value: AnswerValue): Pick<Problem, 'code' | 'message'> | null {
  if (!isAnswered(value)) return null;
  const codes = new Set(question.options.map((o) => o.code));
  switch (question.kind) {
    case 'single':
      if (typeof value !== 'string') return { code: 'answer.wrong_type', message: 'Cần chọn một phương án' };
      return codes.has(value) ? null : { code: 'answer.not_in_options', message: `Phương án không hợp lệ: ${value}` };
    case 'multi': {
      if (!Array.isArray(value)) return { code: 'answer.wrong_type', message: 'Cần một danh sách phương án' };
      const bad = value.find((v) => !codes.has(v));
      if (bad !== undefined) return { code: 'answer.not_in_options', message: `Phương án không hợp lệ: ${bad}` };
      if (new Set(value).size !== value.length) return { code: 'answer.wrong_type', message: 'Phương án bị chọn lặp lại' };
      return null;
    }
    case 'number':
      if (typeof value !== 'number') return { code: 'answer.wrong_type', message: 'Cần một số' };
      if (question.integer && !Number.isInteger(value)) return { code: 'answer.not_integer', message: 'Cần một số nguyên' };
      if ((question.min !== undefined && value < question.min) || (question.max !== undefined && value > question.max)) {
        return { code: 'answer.out_of_range', message: `Giá trị ngoài khoảng cho phép (${question.min ?? '…'}–${question.max ?? '…'})` };
      }
      return null;
    case 'text':
      if (typeof value !== 'string') return { code: 'answer.wrong_type', message: 'Cần một đoạn văn bản' };
      if (question.maxLength !== undefined && value.length > question.maxLength) {
        return { code: 'answer.too_long', message: `Dài quá ${question.maxLength} ký tự` };
      }
      if (question.minLength !== undefined && value.trim().length < question.minLength) {
        return { code: 'answer.too_short', message: `Cần ít nhất ${question.minLength} ký tự` };
      }
      return null;
    case 'date':
      if (typeof value !== 'string') return { code: 'answer.wrong_type', message: 'Cần một ngày' };
      return isCalendarDate(value) ? null : { code: 'answer.invalid_date', message: `Ngày không hợp lệ (cần dạng năm-tháng-ngày): ${value}` };
    case 'note':
      return { code: 'answer.display_only', message: 'Đây là lời dẫn, không nhận câu trả lời' };
  }
}

/** A real calendar day written YYYY-MM-DD (what `<input type="date">` gives). */
function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Looks up an answer already given. Callers map `unitId` to where the answer lives: per-unit
 * questions by unit, general and profile questions of a cross form under no unit.
 */
export type AnswerLookup = (questionId: string, unitId: string | null) => AnswerValue | undefined;

/** The question's condition: `relevant`, or the legacy `showIf` read as an expression. */
export function conditionOf(question: Question, byId: ReadonlyMap<string, Question>): Relevance | undefined {
  if (question.relevant) return question.relevant;
  if (question.showIf) return showIfAsRelevance(question.showIf, byId.get(question.showIf.questionId)?.kind === 'multi');
  return undefined;
}

/**
 * Skip logic: is `question` shown for `unitId`, given the answers so far? A hidden question
 * counts as blank for the conditions that read it (so hiding cascades); answers of per-unit
 * questions are read for the same unit. Memoised per call: shared targets are evaluated once.
 */
export function isShown(question: Question, byId: ReadonlyMap<string, Question>, lookup: AnswerLookup, unitId: string | null): boolean {
  return shownWith(question, byId, lookup, unitId, new Map());
}

function shownWith(question: Question, byId: ReadonlyMap<string, Question>, lookup: AnswerLookup, unitId: string | null, memo: Map<string, boolean>): boolean {
  const known = memo.get(question.id);
  if (known !== undefined) return known;
  const expr = conditionOf(question, byId);
  // Provisional entry: definitions only refer backwards, but a bad stored one must not loop.
  memo.set(question.id, false);
  const shown =
    !expr ||
    evaluateRelevance(expr, (id) => {
      const target = byId.get(id);
      if (!target || !shownWith(target, byId, lookup, unitId, memo)) return undefined;
      return lookup(id, unitId) ?? undefined;
    });
  memo.set(question.id, shown);
  return shown;
}

export function validateResponse(q: Questionnaire, r: Response, scope: ResponseScope): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], code: ProblemCode, message: string) => problems.push({ path, code, message });

  if (r.questionnaireId !== q.id || r.questionnaireVersion !== q.version) {
    add(['questionnaireVersion'], 'questionnaire.mismatch', `Phiếu ${r.questionnaireId} v${r.questionnaireVersion} không khớp ${q.id} v${q.version}`);
    return problems;
  }
  if (r.group !== q.group) add(['group'], 'response.group_mismatch', `Phiếu dành cho nhóm ${q.group}, không phải ${r.group}`);
  if (Date.parse(r.completedAt) < Date.parse(r.startedAt)) add(['completedAt'], 'response.time_order', 'Thời điểm hoàn thành trước thời điểm bắt đầu');

  const questions = allQuestions(q);
  const byId = new Map(questions.map((x) => [x.id, x]));
  const inScope = new Set(scope.unitIds);
  const values = new Map<string, AnswerValue>();
  const key = (questionId: string, unitId: string | null) => `${unitId ?? NO_UNIT}\u0000${questionId}`;

  const ownUnits = new Set<string>();
  r.answers.forEach((a, i) => {
    const question = byId.get(a.questionId);
    if (!question) return add(['answers', i, 'questionId'], 'answer.unknown_question', `Câu hỏi không có trong phiếu: ${a.questionId}`);
    if (question.profile) return add(['answers', i, 'questionId'], 'answer.profile_misplaced', 'Câu hỏi thông tin người trả lời thuộc mục profile');
    const needsUnit = q.mode === 'own_unit' || question.perUnit;
    if (needsUnit && a.unitId === null) return add(['answers', i, 'unitId'], 'answer.unit_required', 'Thiếu đơn vị được đánh giá');
    if (!needsUnit && a.unitId !== null) return add(['answers', i, 'unitId'], 'answer.unit_not_allowed', 'Câu hỏi chung không gắn với đơn vị');
    if (a.unitId !== null && !inScope.has(a.unitId)) return add(['answers', i, 'unitId'], 'answer.unit_out_of_scope', 'Đơn vị nằm ngoài phạm vi của người trả lời');
    if (q.mode === 'own_unit' && a.unitId !== null) ownUnits.add(a.unitId);
    const k = key(a.questionId, a.unitId);
    if (values.has(k)) return add(['answers', i], 'answer.duplicate', 'Câu hỏi được trả lời hai lần cho cùng đơn vị');
    const wrong = valueProblem(question, a.value);
    if (wrong) return add(['answers', i, 'value'], wrong.code, wrong.message);
    values.set(k, a.value);
  });
  if (ownUnits.size > 1) add(['answers'], 'response.multiple_units', 'Phiếu tự đánh giá chỉ đánh giá một đơn vị');

  for (const [id, value] of Object.entries(r.profile ?? {})) {
    const question = byId.get(id);
    if (!question || !question.profile) {
      add(['profile', id], 'answer.unknown_question', `Không phải câu hỏi thông tin người trả lời: ${id}`);
      continue;
    }
    const wrong = valueProblem(question, value);
    if (wrong) add(['profile', id], wrong.code, wrong.message);
    else values.set(key(id, null), value);
  }

  // Which units each question is asked for: own-unit forms ask everything of the one unit.
  const ownUnit = q.mode === 'own_unit' ? ([...ownUnits][0] ?? scope.unitIds[0] ?? null) : null;
  const unitsFor = (question: Question): (string | null)[] => {
    if (question.profile) return [null];
    if (q.mode === 'own_unit') return [ownUnit];
    return question.perUnit ? [...scope.unitIds] : [null];
  };
  const lookup: AnswerLookup = (questionId, unitId) => {
    const question = byId.get(questionId);
    const perUnit = q.mode === 'own_unit' ? !question?.profile : question?.perUnit === true;
    return values.get(key(questionId, perUnit ? (unitId ?? ownUnit) : null));
  };
  for (const question of questions) {
    for (const unitId of unitsFor(question)) {
      const answered = isAnswered(values.get(key(question.id, unitId)));
      const shown = isShown(question, byId, lookup, unitId);
      const where: (string | number)[] = question.profile ? ['profile', question.id] : ['answers', question.id, ...(unitId ? [unitId] : [])];
      if (!shown && answered) add(where, 'answer.hidden', `Câu hỏi ${question.id} bị ẩn theo điều kiện nhưng vẫn có câu trả lời`);
      if (shown && question.required && !answered) add(where, 'answer.required', `Chưa trả lời câu hỏi bắt buộc ${question.id}`);
    }
  }
  return problems;
}
