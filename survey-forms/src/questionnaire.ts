import { z } from 'zod';
import { GroupCode, SipasElement, Slug, UnitType } from './codes';
import { COMPARE_OPS, type CompareOp, MAX_RELEVANCE_DEPTH, type Relevance, referencedQuestions, showIfAsRelevance } from './relevance';

/**
 * A questionnaire version (docs/DOMAIN.md §2 questionnaires). Published versions are immutable: a response names
 * `{ questionnaireId, questionnaireVersion }` and is always read against exactly that version.
 */
export const AnswerOption = z.strictObject({
  code: Slug,
  label: z.string().min(1),
  /** Weight a ∈ [0, 1] of a scored option; `null` marks "don't know" (excluded, never zero). */
  weight: z.number().min(0).max(1).nullable().optional(),
  /** SIPAS: counts as satisfied ("Hài lòng" or "Rất hài lòng"), docs/SCORING.md rule 8. */
  satisfied: z.boolean().optional(),
});
export type AnswerOption = z.infer<typeof AnswerOption>;

/**
 * Legacy skip logic of version-1 definitions: shown only when an earlier answer has one of
 * these values. Still read (published versions never change); new definitions use `relevant`.
 */
export const ShowIf = z.strictObject({
  questionId: Slug,
  anyOf: z.array(z.union([z.string(), z.number()])).min(1),
});
export type ShowIf = z.infer<typeof ShowIf>;

/** A literal of a condition; XLSForm quotes it with ' or ", so it cannot hold both. */
const Literal = z
  .string()
  .max(500)
  .refine((v) => !(v.includes("'") && v.includes('"')), 'Giá trị không được chứa cả dấu nháy đơn và nháy kép');
const RelevanceLeaf = z.union([
  z.strictObject({ op: z.enum(COMPARE_OPS as readonly CompareOp[] as [CompareOp, ...CompareOp[]]), q: Slug, value: z.union([Literal, z.number().finite()]) }),
  z.strictObject({ op: z.literal('selected'), q: Slug, value: Literal }),
]);

/** The schema is unrolled to a fixed depth (no recursion): bounded work for any request body. */
function relevanceSchema(depth: number): z.ZodType<Relevance> {
  if (depth === 0) return RelevanceLeaf as z.ZodType<Relevance>;
  const inner = relevanceSchema(depth - 1);
  return z.union([
    RelevanceLeaf,
    z.strictObject({ op: z.enum(['and', 'or']), args: z.array(inner).min(2).max(50) }),
    z.strictObject({ op: z.literal('not'), arg: inner }),
  ]) as z.ZodType<Relevance>;
}

/** Relevance expression (relevance.ts): when the question is shown, evaluated on the same unit's answers. */
export const RelevanceExpr = relevanceSchema(MAX_RELEVANCE_DEPTH);

/** `number` covers XLSForm integer and decimal (`integer: true`); `note` is display-only text with no answer. */
const QUESTION_KINDS = ['single', 'multi', 'number', 'text', 'date', 'note'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const Question = z.strictObject({
  id: Slug,
  kind: z.enum(QUESTION_KINDS),
  text: z.string().min(1),
  help: z.string().optional(),
  required: z.boolean().default(false),
  /** Maps a scored question to one criterion or sub-criterion code of the campaign index. */
  criterion: Slug.optional(),
  /** Marks a citizen satisfaction question (SIPAS element). */
  sipasElement: SipasElement.optional(),
  /** Unscored respondent profile question (sex, age band, …): stored in `profile`, never per unit. */
  profile: z.boolean().default(false),
  /** In a cross-evaluation form: asked once per rated unit (matrix row) rather than once. */
  perUnit: z.boolean().default(false),
  options: z.array(AnswerOption).default([]),
  /** Number questions: whole numbers only (XLSForm `integer`); absent means decimals are allowed. */
  integer: z.literal(true).optional(),
  /** Number questions: inclusive range (XLSForm constraint `. >= min and . <= max`). */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Text questions: length bounds in characters (XLSForm `string-length(.)`). */
  minLength: z.number().int().min(1).max(5000).optional(),
  maxLength: z.number().int().positive().max(5000).optional(),
  /** Shown only when this holds (XLSForm `relevant`); a hidden question must stay unanswered. */
  relevant: RelevanceExpr.optional(),
  showIf: ShowIf.optional(),
});
export type Question = z.infer<typeof Question>;

export const Section = z.strictObject({
  id: Slug,
  title: z.string().min(1),
  description: z.string().optional(),
  questions: z.array(Question).min(1),
});
export type Section = z.infer<typeof Section>;

export const QuestionnaireMode = z.enum(['own_unit', 'cross']);
export type QuestionnaireMode = z.infer<typeof QuestionnaireMode>;

export const Questionnaire = z
  .strictObject({
    id: Slug,
    version: z.number().int().positive(),
    title: z.string().min(1),
    /** Shown before the first question: who runs the survey, why, how long. */
    intro: z.string().default(''),
    group: GroupCode,
    /** own_unit: the respondent rates their own (or the serving) unit; cross: every unit of `unitType`. */
    mode: QuestionnaireMode,
    unitType: UnitType,
    estimatedMinutes: z.number().int().positive().max(120).default(10),
    sections: z.array(Section).min(1),
  })
  .superRefine((q, ctx) => {
    const seen = new Map<string, Question>();
    q.sections.forEach((section, si) => {
      section.questions.forEach((question, qi) => {
        const path = ['sections', si, 'questions', qi];
        if (seen.has(question.id)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `Mã câu hỏi trùng lặp: ${question.id}` });
        }
        checkQuestion(question, q.mode, seen, path, ctx);
        seen.set(question.id, question);
      });
    });
  });
export type Questionnaire = z.infer<typeof Questionnaire>;
export type QuestionnaireInput = z.input<typeof Questionnaire>;

function checkQuestion(
  question: Question,
  mode: QuestionnaireMode,
  earlier: Map<string, Question>,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const issue = (sub: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path: [...path, ...sub], message });
  const choice = question.kind === 'single' || question.kind === 'multi';
  checkKindFields(question, issue);
  if (choice && question.options.length < 2) issue(['options'], 'Câu hỏi lựa chọn cần ít nhất 2 phương án');
  if (!choice && question.options.length > 0) issue(['options'], 'Chỉ câu hỏi lựa chọn mới có phương án');
  const codes = new Set<string>();
  question.options.forEach((o, oi) => {
    if (codes.has(o.code)) issue(['options', oi, 'code'], `Mã phương án trùng lặp: ${o.code}`);
    codes.add(o.code);
  });
  if (question.criterion !== undefined) {
    if (question.kind !== 'single') issue(['kind'], 'Câu hỏi chấm điểm phải là câu hỏi một lựa chọn');
    if (question.profile) issue(['profile'], 'Câu hỏi thông tin người trả lời không được chấm điểm');
    question.options.forEach((o, oi) => {
      if (o.weight === undefined) issue(['options', oi, 'weight'], 'Phương án của câu hỏi chấm điểm phải có trọng số (hoặc null cho "Không biết")');
    });
    if (!question.options.some((o) => typeof o.weight === 'number')) {
      issue(['options'], 'Câu hỏi chấm điểm cần ít nhất một phương án có trọng số');
    }
  }
  if (question.sipasElement !== undefined) {
    if (question.kind !== 'single') issue(['kind'], 'Câu hỏi SIPAS phải là câu hỏi một lựa chọn');
    if (!question.options.some((o) => o.satisfied === true)) issue(['options'], 'Câu hỏi SIPAS cần phương án "hài lòng"');
  }
  if (question.profile && question.perUnit) issue(['perUnit'], 'Câu hỏi thông tin người trả lời không hỏi theo từng đơn vị');
  if (question.perUnit && mode !== 'cross') issue(['perUnit'], 'Chỉ phiếu đánh giá chéo mới có câu hỏi theo từng đơn vị');
  if (question.min !== undefined && question.max !== undefined && question.min > question.max) issue(['min'], 'min lớn hơn max');
  checkRelevance(question, earlier, issue);
}

type Issue = (sub: (string | number)[], message: string) => void;

/** Fields that only make sense for some kinds (added with XLSForm; older fields kept as they were). */
function checkKindFields(question: Question, issue: Issue): void {
  if (question.integer !== undefined && question.kind !== 'number') issue(['integer'], 'Chỉ câu hỏi số mới có thuộc tính số nguyên');
  if (question.minLength !== undefined && question.kind !== 'text') issue(['minLength'], 'Chỉ câu hỏi văn bản mới có độ dài tối thiểu');
  if (question.minLength !== undefined && question.maxLength !== undefined && question.minLength > question.maxLength) {
    issue(['minLength'], 'Độ dài tối thiểu lớn hơn độ dài tối đa');
  }
  if (question.kind === 'note') {
    if (question.required) issue(['required'], 'Câu ghi chú (note) chỉ để hiển thị, không thể bắt buộc trả lời');
    if (question.profile || question.perUnit) issue(['kind'], 'Câu ghi chú (note) không phải câu hỏi thông tin người trả lời hay câu hỏi theo đơn vị');
  }
  if ((question.kind === 'date' || question.kind === 'note') && (question.min !== undefined || question.max !== undefined)) {
    issue(['min'], 'Chỉ câu hỏi số mới có giới hạn giá trị');
  }
}

function checkRelevance(question: Question, earlier: Map<string, Question>, issue: Issue): void {
  if (question.showIf && question.relevant) issue(['relevant'], 'Chỉ dùng một trong hai: relevant hoặc showIf (cũ)');
  const field = question.relevant ? 'relevant' : 'showIf';
  const expr = question.relevant ?? (question.showIf ? showIfAsRelevance(question.showIf, earlier.get(question.showIf.questionId)?.kind === 'multi') : undefined);
  if (!expr) return;
  for (const id of referencedQuestions(expr)) {
    const target = earlier.get(id);
    const at = question.relevant ? [field] : [field, 'questionId'];
    if (!target) issue(at, `Điều kiện hiển thị phải trỏ tới một câu hỏi đứng trước: ${id}`);
    else if (target.kind === 'note') issue(at, `Câu ghi chú ${id} không có câu trả lời để làm điều kiện`);
    else if (target.perUnit && !question.perUnit) issue(at, 'Câu hỏi chung không thể phụ thuộc câu hỏi theo từng đơn vị');
  }
  if (question.relevant) checkChoiceLiterals(question.relevant, earlier, issue);
}

/** `selected(${q}, 'x')` and `${q} = 'x'` on a choice question must name one of its options: a typo would hide the question for ever. */
function checkChoiceLiterals(expr: Relevance, earlier: Map<string, Question>, issue: Issue): void {
  switch (expr.op) {
    case 'and':
    case 'or':
      return expr.args.forEach((a) => checkChoiceLiterals(a, earlier, issue));
    case 'not':
      return checkChoiceLiterals(expr.arg, earlier, issue);
    default:
      return checkLeafLiteral(expr, earlier, issue);
  }
}

function checkLeafLiteral(expr: Extract<Relevance, { q: string }>, earlier: Map<string, Question>, issue: Issue): void {
  const target = earlier.get(expr.q);
  if (!target) return;
  const choice = target.kind === 'single' || target.kind === 'multi';
  if (expr.op === 'selected' && !choice) return issue(['relevant'], `selected() chỉ dùng cho câu hỏi lựa chọn; ${expr.q} không phải`);
  const checksCode = expr.op === 'selected' || ((expr.op === '=' || expr.op === '!=') && target.kind === 'single' && typeof expr.value === 'string' && expr.value !== '');
  if (choice && checksCode && !target.options.some((o) => o.code === String(expr.value))) {
    issue(['relevant'], `Câu hỏi ${expr.q} không có phương án "${String(expr.value)}"`);
  }
}

export { allQuestions } from './questions';
