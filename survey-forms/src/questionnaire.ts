import { z } from 'zod';
import { GroupCode, SipasElement, Slug, UnitType } from './codes';

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

/** Show a question only when an earlier answer has one of these values (same unit for per-unit questions). */
export const ShowIf = z.strictObject({
  questionId: Slug,
  anyOf: z.array(z.union([z.string(), z.number()])).min(1),
});
export type ShowIf = z.infer<typeof ShowIf>;

export const QUESTION_KINDS = ['single', 'multi', 'number', 'text'] as const;

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
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().max(5000).optional(),
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
  if (question.showIf) {
    const target = earlier.get(question.showIf.questionId);
    if (!target) issue(['showIf', 'questionId'], `Điều kiện hiển thị phải trỏ tới một câu hỏi đứng trước: ${question.showIf.questionId}`);
    else if (target.perUnit && !question.perUnit) issue(['showIf', 'questionId'], 'Câu hỏi chung không thể phụ thuộc câu hỏi theo từng đơn vị');
  }
}

export { allQuestions } from './questions';
