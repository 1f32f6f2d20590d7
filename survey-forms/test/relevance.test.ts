import { describe, expect, it } from 'vitest';
import type { AnswerValue, QuestionnaireInput, Relevance, Response } from '../src';
import { Questionnaire, evaluateRelevance, showIfAsRelevance, validateResponse } from '../src';

/** The relevance evaluator, the model's checks of it, and the validator on the XLSForm kinds. */
const of = (answers: Record<string, AnswerValue>) => (id: string) => answers[id];

describe('evaluateRelevance', () => {
  it('compares text, numbers and choices the way ODK does', () => {
    const eq: Relevance = { op: '=', q: 'a', value: 'x' };
    expect(evaluateRelevance(eq, of({ a: 'x' }))).toBe(true);
    expect(evaluateRelevance(eq, of({ a: 'y' }))).toBe(false);
    expect(evaluateRelevance(eq, of({}))).toBe(false);
    // Blank is not 'x': `!=` holds for an unanswered question, as in ODK.
    expect(evaluateRelevance({ op: '!=', q: 'a', value: 'x' }, of({}))).toBe(true);
    expect(evaluateRelevance({ op: '!=', q: 'a', value: '' }, of({ a: 'y' }))).toBe(true);
    expect(evaluateRelevance({ op: '=', q: 'n', value: 3 }, of({ n: 3 }))).toBe(true);
    expect(evaluateRelevance({ op: '=', q: 'n', value: 3 }, of({ n: '3' }))).toBe(true);
    expect(evaluateRelevance({ op: '>', q: 'n', value: 2.5 }, of({ n: 3 }))).toBe(true);
    expect(evaluateRelevance({ op: '<=', q: 'n', value: -1 }, of({ n: -1 }))).toBe(true);
    expect(evaluateRelevance({ op: '<', q: 'n', value: 10 }, of({}))).toBe(false);
    expect(evaluateRelevance({ op: '>=', q: 'n', value: 0 }, of({ n: 'abc' }))).toBe(false);
    expect(evaluateRelevance({ op: 'selected', q: 'm', value: 'b' }, of({ m: ['a', 'b'] }))).toBe(true);
    expect(evaluateRelevance({ op: 'selected', q: 'm', value: 'c' }, of({ m: ['a', 'b'] }))).toBe(false);
    expect(evaluateRelevance({ op: 'selected', q: 's', value: 'a' }, of({ s: 'a' }))).toBe(true);
    expect(evaluateRelevance({ op: '=', q: 'm', value: 'a b' }, of({ m: ['a', 'b'] }))).toBe(true);
  });

  it('combines with and, or, not', () => {
    const expr: Relevance = {
      op: 'and',
      args: [
        { op: 'or', args: [{ op: '=', q: 'a', value: 'x' }, { op: '=', q: 'a', value: 'y' }] },
        { op: 'not', arg: { op: '<', q: 'n', value: 18 } },
      ],
    };
    expect(evaluateRelevance(expr, of({ a: 'y', n: 20 }))).toBe(true);
    expect(evaluateRelevance(expr, of({ a: 'y', n: 17 }))).toBe(false);
    expect(evaluateRelevance(expr, of({ a: 'z', n: 20 }))).toBe(false);
  });

  it('reads a legacy showIf as the same condition', () => {
    expect(showIfAsRelevance({ questionId: 'a', anyOf: ['x'] }, false)).toEqual({ op: '=', q: 'a', value: 'x' });
    expect(showIfAsRelevance({ questionId: 'm', anyOf: ['x', 'y'] }, true)).toEqual({
      op: 'or',
      args: [{ op: 'selected', q: 'm', value: 'x' }, { op: 'selected', q: 'm', value: 'y' }],
    });
  });
});

const FORM: QuestionnaireInput = {
  id: 'phieu-thu',
  version: 1,
  title: 'Phiếu thử',
  group: 'dai_bieu_hdnd',
  mode: 'cross',
  unitType: 'so',
  sections: [
    {
      id: 'chung',
      title: 'Chung',
      questions: [
        { id: 'loi_dan', kind: 'note', text: 'Xin cảm ơn ông/bà.' },
        { id: 'ngay', kind: 'date', text: 'Ngày làm thủ tục' },
        { id: 'so_lan', kind: 'number', integer: true, min: 0, max: 20, text: 'Số lần đi lại' },
        { id: 'co_lam_viec', kind: 'single', text: 'Có làm việc?', perUnit: true, required: true, options: [{ code: 'co', label: 'Có' }, { code: 'khong', label: 'Không' }] },
        {
          id: 'danh_gia',
          kind: 'text',
          text: 'Nhận xét',
          perUnit: true,
          required: true,
          minLength: 3,
          maxLength: 50,
          relevant: { op: 'and', args: [{ op: '=', q: 'co_lam_viec', value: 'co' }, { op: '>=', q: 'so_lan', value: 1 }] },
        },
      ],
    },
  ],
};
const U1 = '00000000-0000-4000-8000-000000000001';
const U2 = '00000000-0000-4000-8000-000000000002';

function response(answers: Response['answers']): Response {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    campaignId: '00000000-0000-4000-8000-0000000000bb',
    questionnaireId: 'phieu-thu',
    questionnaireVersion: 1,
    group: 'dai_bieu_hdnd',
    channel: 'self',
    startedAt: '2026-12-01T08:00:00+07:00',
    completedAt: '2026-12-01T08:10:00+07:00',
    answers,
  };
}

describe('validator on the XLSForm kinds and relevance', () => {
  const q = Questionnaire.parse(FORM);
  const codes = (answers: Response['answers']) => validateResponse(q, response(answers), { unitIds: [U1, U2] }).map((p) => [p.path.join('.'), p.code]);

  it('evaluates per-unit relevance against the same unit, required only when shown', () => {
    const base = [
      { unitId: null, questionId: 'so_lan', value: 2 },
      { unitId: U1, questionId: 'co_lam_viec', value: 'co' },
      { unitId: U2, questionId: 'co_lam_viec', value: 'khong' },
    ];
    expect(codes(base)).toEqual([[`answers.danh_gia.${U1}`, 'answer.required']]);
    expect(codes([...base, { unitId: U1, questionId: 'danh_gia', value: 'Tốt lắm' }])).toEqual([]);
    expect(codes([...base, { unitId: U1, questionId: 'danh_gia', value: 'Tốt' }, { unitId: U2, questionId: 'danh_gia', value: 'Tốt lắm' }])).toEqual([
      [`answers.danh_gia.${U2}`, 'answer.hidden'],
    ]);
    // so_lan = 0 hides the comment for every unit.
    expect(codes([{ ...base[0], value: 0 } as Response['answers'][number], ...base.slice(1)])).toEqual([]);
  });

  it('checks dates, whole numbers, lengths and display-only notes', () => {
    const ok = [{ unitId: U1, questionId: 'co_lam_viec', value: 'khong' }, { unitId: U2, questionId: 'co_lam_viec', value: 'khong' }];
    expect(codes([...ok, { unitId: null, questionId: 'ngay', value: '2026-02-30' }])).toEqual([['answers.2.value', 'answer.invalid_date']]);
    expect(codes([...ok, { unitId: null, questionId: 'ngay', value: '2026-02-28' }])).toEqual([]);
    expect(codes([...ok, { unitId: null, questionId: 'so_lan', value: 2.5 }])).toEqual([['answers.2.value', 'answer.not_integer']]);
    expect(codes([...ok, { unitId: null, questionId: 'so_lan', value: 21 }])).toEqual([['answers.2.value', 'answer.out_of_range']]);
    expect(codes([...ok, { unitId: null, questionId: 'loi_dan', value: 'x' }])).toEqual([['answers.2.value', 'answer.display_only']]);
    expect(
      codes([
        { unitId: null, questionId: 'so_lan', value: 1 },
        { unitId: U1, questionId: 'co_lam_viec', value: 'co' },
        { unitId: U1, questionId: 'danh_gia', value: 'ab' },
        { unitId: U2, questionId: 'co_lam_viec', value: 'khong' },
      ]),
    ).toEqual([['answers.2.value', 'answer.too_short'], [`answers.danh_gia.${U1}`, 'answer.required']]);
  });
});

describe('questionnaire schema on relevance and the new kinds', () => {
  const issues = (mutate: (d: QuestionnaireInput) => void) => {
    const d = structuredClone(FORM);
    mutate(d);
    const r = Questionnaire.safeParse(d);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const questions = (d: QuestionnaireInput) => d.sections[0]?.questions as Record<string, unknown>[];

  it('accepts the form as written', () => expect(issues(() => {})).toEqual([]));

  it('refuses references forward, to notes, to unknown options, and misplaced fields', () => {
    expect(issues((d) => void (questions(d)[2] = { ...questions(d)[2], relevant: { op: '=', q: 'danh_gia', value: 'x' } }))).toEqual([
      expect.stringMatching(/^sections\.0\.questions\.2\.relevant: .*danh_gia/),
    ]);
    expect(issues((d) => void (questions(d)[1] = { ...questions(d)[1], relevant: { op: '!=', q: 'loi_dan', value: '' } }))).toEqual([
      expect.stringMatching(/^sections\.0\.questions\.1\.relevant: .*ghi chú/),
    ]);
    expect(issues((d) => void (questions(d)[4] = { ...questions(d)[4], relevant: { op: 'selected', q: 'co_lam_viec', value: 'co_le' } }))).toEqual([
      expect.stringMatching(/relevant: .*co_le/),
    ]);
    expect(issues((d) => void Object.assign(questions(d)[1] as object, { integer: true }))).toEqual([expect.stringMatching(/^sections\.0\.questions\.1\.integer/)]);
    expect(issues((d) => void Object.assign(questions(d)[0] as object, { required: true }))).toEqual([expect.stringMatching(/^sections\.0\.questions\.0\.required/)]);
  });

  it('bounds the nesting of expressions', () => {
    let deep: Relevance = { op: '=', q: 'so_lan', value: 1 };
    for (let i = 0; i < 8; i++) deep = { op: 'not', arg: deep };
    expect(issues((d) => void Object.assign(questions(d)[4] as object, { relevant: deep }))).not.toEqual([]);
  });
});
