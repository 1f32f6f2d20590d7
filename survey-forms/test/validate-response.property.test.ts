import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerValue, Question, Questionnaire, Response } from '../src';
import { GROUP_CODES, Response as ResponseSchema, allQuestions, validateResponse } from '../src';
import { parseDefinitions } from '../definitions';

/**
 * Property tests of THE answer validator. Valid responses are generated here from the
 * questionnaire with our own, independent reading of skip logic; then one mutation at a
 * time must produce the matching problem at the matching path.
 */
const FORMS = parseDefinitions().questionnaires;
const form = (id: string): Questionnaire => {
  const q = FORMS.find((x) => x.id === id);
  if (!q) throw new Error(`demo form ${id} missing`);
  return q;
};
// Own-unit with skip logic and a hidden required question; citizen with number, text and SIPAS; a cross matrix.
const UNDER_TEST = [form('cong-chuc-so'), form('nguoi-dan-xa'), form('hdnd-so')];

interface Cell {
  question: Question;
  unitId: string | null;
}
interface Built {
  response: Response;
  /** Cells (question, unit) hidden by skip logic in this response. */
  hidden: Cell[];
  scope: string[];
  q: Questionnaire;
}

type Gen = <T, A extends unknown[]>(arb: (...args: A) => fc.Arbitrary<T>, ...args: A) => T;

function valueFor(g: Gen, question: Question): AnswerValue {
  const codes = question.options.map((o) => o.code);
  switch (question.kind) {
    case 'single':
      return g(fc.constantFrom, ...codes);
    case 'multi':
      return g(fc.subarray, codes, { minLength: 1 });
    case 'number':
      return g(fc.integer, { min: Math.ceil(question.min ?? -1000), max: Math.floor(question.max ?? 1000) });
    case 'text':
      return `Ý kiến ${g(fc.string, { maxLength: 40 })}`.slice(0, question.maxLength ?? 5000);
    case 'date':
      return new Date(g(fc.integer, { min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) })).toISOString().slice(0, 10);
    case 'note':
      return null;
  }
}

function build(g: Gen, q: Questionnaire): Built {
  const scope: string[] = q.mode === 'own_unit' ? [g(fc.uuid)] : g(() => fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 5 }));
  const byId = new Map(allQuestions(q).map((x) => [x.id, x]));
  // Where a question's answer lives: per unit in own-unit forms and for per-unit matrix rows.
  const perUnit = (x: Question) => !x.profile && (q.mode === 'own_unit' || x.perUnit);
  const given = new Map<string, AnswerValue>();
  const shownCell = new Map<string, boolean>();
  const key = (id: string, unit: string | null) => `${id}|${unit ?? ''}`;
  const answers: Response['answers'] = [];
  const profile: Record<string, AnswerValue> = {};
  const hidden: Cell[] = [];
  for (const question of allQuestions(q)) {
    const units = perUnit(question) ? (q.mode === 'own_unit' ? [scope[0] as string] : scope) : [null];
    for (const unitId of units) {
      let shown = true;
      // The demo forms use one kind of condition: `${q} = 'code'` on an earlier single choice.
      const cond = question.relevant;
      if (cond) {
        if (cond.op !== '=') throw new Error(`unexpected condition in ${question.id}`);
        const target = byId.get(cond.q) as Question;
        const targetUnit = perUnit(target) ? unitId : null;
        const value = given.get(key(target.id, targetUnit));
        shown = shownCell.get(key(target.id, targetUnit)) === true && typeof value === 'string' && value === cond.value;
      }
      shownCell.set(key(question.id, unitId), shown);
      if (!shown) {
        hidden.push({ question, unitId });
        continue;
      }
      if (!question.required && !g(fc.boolean)) continue;
      const value = valueFor(g, question);
      given.set(key(question.id, unitId), value);
      if (question.profile) profile[question.id] = value;
      else answers.push({ unitId: q.mode === 'own_unit' ? (scope[0] as string) : unitId, questionId: question.id, value });
    }
  }
  const started = g(fc.integer, { min: Date.UTC(2026, 10, 1), max: Date.UTC(2026, 11, 1) });
  const response: Response = {
    id: g(fc.uuid),
    campaignId: g(fc.uuid),
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    group: q.group,
    channel: g(fc.constantFrom, 'self' as const, 'interview' as const, 'paper' as const),
    startedAt: new Date(started).toISOString(),
    completedAt: new Date(started + g(fc.integer, { min: 0, max: 3_600_000 })).toISOString(),
    answers,
    ...(Object.keys(profile).length > 0 ? { profile } : {}),
  };
  return { response, hidden, scope, q };
}

const arbBuilt = fc.constantFrom(...UNDER_TEST).chain((q) => fc.gen().map((g) => build(g as Gen, q)));
const RUNS = { numRuns: 150 };
const whereOf = (cell: Cell) => (cell.question.profile ? ['profile', cell.question.id] : ['answers', cell.question.id, ...(cell.unitId ? [cell.unitId] : [])]);

describe('validateResponse properties', () => {
  it('accepts every generated valid response, and the Response schema accepts it too', () => {
    fc.assert(
      fc.property(arbBuilt, ({ response, scope, q }) => {
        expect(ResponseSchema.safeParse(response).success).toBe(true);
        expect(validateResponse(q, response, { unitIds: scope })).toEqual([]);
      }),
      RUNS,
    );
  });

  it('names an option that is not in the list', () => {
    fc.assert(
      fc.property(arbBuilt, fc.nat(), ({ response, scope, q }, pick) => {
        const single = response.answers.map((a, i) => ({ a, i })).filter(({ a }) => q.sections.some((s) => s.questions.some((x) => x.id === a.questionId && x.kind === 'single')));
        fc.pre(single.length > 0);
        const { i } = single[pick % single.length] as { i: number };
        const answers = response.answers.map((a, j) => (j === i ? { ...a, value: 'KHONG_CO' } : a));
        expect(validateResponse(q, { ...response, answers }, { unitIds: scope })).toContainEqual(expect.objectContaining({ path: ['answers', i, 'value'], code: 'answer.not_in_options' }));
      }),
      RUNS,
    );
  });

  it('names a unit outside the respondent scope', () => {
    fc.assert(
      fc.property(arbBuilt, fc.nat(), fc.uuid(), ({ response, scope, q }, pick, stranger) => {
        const withUnit = response.answers.map((a, i) => ({ a, i })).filter(({ a }) => a.unitId !== null);
        fc.pre(withUnit.length > 0 && !scope.includes(stranger));
        const { i } = withUnit[pick % withUnit.length] as { i: number };
        const answers = response.answers.map((a, j) => (j === i ? { ...a, unitId: stranger } : a));
        expect(validateResponse(q, { ...response, answers }, { unitIds: scope })).toContainEqual({ path: ['answers', i, 'unitId'], code: 'answer.unit_out_of_scope', message: expect.any(String) });
      }),
      RUNS,
    );
  });

  it('names a dropped required answer with its question and unit', () => {
    fc.assert(
      fc.property(arbBuilt, fc.nat(), ({ response, scope, q }, pick) => {
        const byId = new Map(allQuestions(q).map((x) => [x.id, x]));
        const required = response.answers.map((a, i) => ({ a, i })).filter(({ a }) => byId.get(a.questionId)?.required === true);
        fc.pre(required.length > 0);
        const { a, i } = required[pick % required.length] as { a: Response['answers'][number]; i: number };
        const answers = response.answers.filter((_, j) => j !== i);
        expect(validateResponse(q, { ...response, answers }, { unitIds: scope })).toContainEqual(
          expect.objectContaining({ path: ['answers', a.questionId, ...(a.unitId ? [a.unitId] : [])], code: 'answer.required' }),
        );
      }),
      RUNS,
    );
  });

  it('names a duplicated answer at the copy', () => {
    fc.assert(
      fc.property(arbBuilt, fc.nat(), ({ response, scope, q }, pick) => {
        fc.pre(response.answers.length > 0);
        const copy = response.answers[pick % response.answers.length] as Response['answers'][number];
        const answers = [...response.answers, { ...copy }];
        expect(validateResponse(q, { ...response, answers }, { unitIds: scope })).toEqual([
          { path: ['answers', response.answers.length], code: 'answer.duplicate', message: expect.any(String) },
        ]);
      }),
      RUNS,
    );
  });

  it('names an answer to a question hidden by skip logic', () => {
    fc.assert(
      fc.property(arbBuilt, fc.nat(), fc.gen(), ({ response, hidden, scope, q }, pick, g) => {
        fc.pre(hidden.length > 0);
        const cell = hidden[pick % hidden.length] as Cell;
        const value = valueFor(g as Gen, cell.question);
        const mutated: Response = cell.question.profile
          ? { ...response, profile: { ...response.profile, [cell.question.id]: value } }
          : { ...response, answers: [...response.answers, { unitId: cell.unitId, questionId: cell.question.id, value }] };
        expect(validateResponse(q, mutated, { unitIds: scope })).toContainEqual(expect.objectContaining({ path: whereOf(cell), code: 'answer.hidden' }));
      }),
      RUNS,
    );
  });

  it('never throws on any input the Response schema accepts, and every problem has a path and a known code', () => {
    const known = new Set([
      'questionnaire.mismatch', 'response.group_mismatch', 'response.time_order', 'response.multiple_units', 'answer.unknown_question',
      'answer.profile_misplaced', 'answer.unit_required', 'answer.unit_not_allowed', 'answer.unit_out_of_scope', 'answer.duplicate',
      'answer.wrong_type', 'answer.not_in_options', 'answer.out_of_range', 'answer.too_long', 'answer.required', 'answer.hidden',
      'answer.too_short', 'answer.not_integer', 'answer.invalid_date', 'answer.display_only',
    ]);
    const arbValue = fc.oneof(fc.string({ maxLength: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }), fc.constant(null));
    const arbCase = fc.constantFrom(...UNDER_TEST).chain((q) => {
      const ids = [...allQuestions(q).map((x) => x.id), 'cau_la'];
      return fc.record({
        q: fc.constant(q),
        scope: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 4 }),
        response: fc.record({
          id: fc.uuid(),
          campaignId: fc.uuid(),
          questionnaireId: fc.constantFrom(q.id, 'phieu-khac'),
          questionnaireVersion: fc.constantFrom(q.version, q.version + 1),
          group: fc.constantFrom(...GROUP_CODES),
          channel: fc.constantFrom('self' as const, 'interview' as const, 'paper' as const),
          startedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          completedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          answers: fc.array(fc.record({ unitId: fc.option(fc.uuid(), { nil: null }), questionId: fc.constantFrom(...ids), value: arbValue }), { maxLength: 40 }),
          profile: fc.option(fc.dictionary(fc.constantFrom(...ids), arbValue), { nil: undefined }),
        }),
      });
    });
    fc.assert(
      fc.property(arbCase, ({ q, scope, response }) => {
        const parsed = ResponseSchema.safeParse(response);
        fc.pre(parsed.success);
        const problems = validateResponse(q, parsed.data as Response, { unitIds: scope });
        for (const p of problems) {
          expect(known.has(p.code)).toBe(true);
          expect(p.path.length).toBeGreaterThan(0);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
