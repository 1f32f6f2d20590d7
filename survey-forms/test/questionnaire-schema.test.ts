import { describe, expect, it } from 'vitest';
import type { QuestionnaireInput } from '../src';
import { Questionnaire } from '../src';
import { weighted } from '../definitions/options';

/** Schema tests of a questionnaire definition: a good one parses; each bad one names the exact path. */
const WEIGHTED = weighted();

function good(): QuestionnaireInput {
  return {
    id: 'cong-chuc-so',
    version: 1,
    title: 'Phiếu khảo sát công chức',
    group: 'cong_chuc',
    mode: 'own_unit',
    unitType: 'so',
    sections: [
      {
        id: 'ho-so',
        title: 'Thông tin người trả lời',
        questions: [{ id: 'gioi_tinh', kind: 'single', text: 'Giới tính', profile: true, options: [{ code: 'nam', label: 'Nam' }, { code: 'nu', label: 'Nữ' }] }],
      },
      {
        id: 'danh-gia',
        title: 'Đánh giá',
        questions: [
          { id: 'q1', kind: 'single', text: 'Chỉ đạo CCHC', required: true, criterion: '1.1', options: WEIGHTED },
          { id: 'co_gop_y', kind: 'single', text: 'Có góp ý?', options: [{ code: 'co', label: 'Có' }, { code: 'khong', label: 'Không' }] },
          { id: 'gop_y', kind: 'text', text: 'Góp ý', maxLength: 500, showIf: { questionId: 'co_gop_y', anyOf: ['co'] } },
        ],
      },
    ],
  };
}

type Mutable = { sections: { questions: Record<string, unknown>[] }[] } & Record<string, unknown>;
const clone = (): Mutable => structuredClone(good()) as unknown as Mutable;
const question = (d: Mutable, s: number, q: number): Record<string, unknown> => d.sections[s]?.questions[q] as Record<string, unknown>;

function issues(input: unknown): { path: string; code: string; message: string }[] {
  const r = Questionnaire.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

describe('Questionnaire schema', () => {
  it('accepts a good definition and fills defaults', () => {
    const q = Questionnaire.parse(good());
    expect(q.estimatedMinutes).toBe(10);
    expect(q.sections[1]?.questions[0]?.profile).toBe(false);
  });

  it('refuses unknown fields at any depth, by path', () => {
    const d = clone();
    d.colour = 'red';
    question(d, 1, 0).weight = 2;
    const found = issues(d);
    expect(found).toContainEqual(expect.objectContaining({ path: '', code: 'unrecognized_keys' }));
    expect(found).toContainEqual(expect.objectContaining({ path: 'sections.1.questions.0', code: 'unrecognized_keys' }));
  });

  it('refuses wrong types with their paths', () => {
    const d = clone();
    d.version = '1';
    question(d, 1, 0).required = 'yes';
    expect(issues(d).map((i) => i.path)).toEqual(expect.arrayContaining(['version', 'sections.1.questions.0.required']));
  });

  it('refuses duplicate question ids and duplicate option codes', () => {
    const d = clone();
    question(d, 1, 1).id = 'q1';
    (question(d, 1, 0).options as { code: string }[])[1] = { ...WEIGHTED[0], code: 'A' } as { code: string };
    const paths = issues(d).map((i) => i.path);
    expect(paths).toContain('sections.1.questions.1.id');
    expect(paths).toContain('sections.1.questions.0.options.1.code');
  });

  it('refuses scored options without a weight, naming each option', () => {
    const d = clone();
    const options = question(d, 1, 0).options as Record<string, unknown>[];
    delete options[1]?.weight;
    delete options[3]?.weight;
    const paths = issues(d).map((i) => i.path);
    expect(paths).toEqual(['sections.1.questions.0.options.1.weight', 'sections.1.questions.0.options.3.weight']);
  });

  it('refuses a scored question whose options are all "don\'t know"', () => {
    const d = clone();
    question(d, 1, 0).options = [
      { code: 'E', label: 'Không biết', weight: null },
      { code: 'F', label: 'Không trả lời', weight: null },
    ];
    expect(issues(d).map((i) => i.path)).toEqual(['sections.1.questions.0.options']);
  });

  it('refuses skip logic pointing forward or to an unknown question', () => {
    const d = clone();
    question(d, 1, 0).showIf = { questionId: 'co_gop_y', anyOf: ['co'] };
    question(d, 1, 2).showIf = { questionId: 'khong_co', anyOf: ['co'] };
    expect(issues(d).map((i) => i.path)).toEqual(['sections.1.questions.0.showIf.questionId', 'sections.1.questions.2.showIf.questionId']);
  });

  it('refuses per-unit questions in an own-unit form and scored profile questions', () => {
    const d = clone();
    question(d, 1, 0).perUnit = true;
    question(d, 0, 0).criterion = '1.1';
    const paths = issues(d).map((i) => i.path);
    expect(paths).toContain('sections.1.questions.0.perUnit');
    expect(paths).toContain('sections.0.questions.0.profile');
  });

  it('lists every problem of a definition at once', () => {
    const d = clone();
    d.version = 0;
    question(d, 1, 1).id = 'q1';
    question(d, 1, 2).kind = 'essay';
    const paths = issues(d).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'sections.1.questions.2.kind']));
    expect(paths.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses SIPAS questions without a satisfied option', () => {
    const d = clone();
    question(d, 1, 1).sipasElement = 'access';
    expect(issues(d).map((i) => i.path)).toEqual(['sections.1.questions.1.options']);
  });
});
