import { describe, expect, it } from 'vitest';
import { Questionnaire } from '../../../survey-forms/src';
import { buildAnswerKey } from '../answer-key';
import { satisfactionIndices } from '../satisfaction';

const FIVE = [
  { code: '1', label: 'Rất không hài lòng' },
  { code: '2', label: 'Không hài lòng' },
  { code: '3', label: 'Bình thường' },
  { code: '4', label: 'Hài lòng', satisfied: true },
  { code: '5', label: 'Rất hài lòng', satisfied: true },
  { code: '9', label: 'Không trả lời', weight: null },
];
const citizen = Questionnaire.parse({
  id: 'dan',
  version: 1,
  title: 'Phiếu người dân',
  group: 'nguoi_dan',
  mode: 'own_unit',
  unitType: 'xa',
  sections: [
    {
      id: 's',
      title: 'Hài lòng',
      questions: [
        { id: 'a1', kind: 'single', text: 'Tiếp cận', sipasElement: 'access', options: FIVE },
        { id: 'a2', kind: 'single', text: 'Tiếp cận (2)', sipasElement: 'access', options: FIVE },
        { id: 'p1', kind: 'single', text: 'Thủ tục', sipasElement: 'procedure', options: FIVE },
      ],
    },
  ],
});

describe('rule 8: SIPAS-style satisfaction', () => {
  it('is the share of valid answers that are satisfied, and the overall index the mean of element indices', () => {
    const key = buildAnswerKey([citizen], new Set());
    const row = (questionId: string, choice: string, n: number) => ({ questionnaireId: 'dan', version: 1, group: 'nguoi_dan', unitId: 'x', questionId, choice, n });
    // access: a1 4×"5", 2×"3"; a2 2×"4", 2×"1", 3×"9" (not valid) → 6 satisfied of 10 valid = 60%.
    // procedure: 1×"4", 3×"2" → 25%. Other elements: no answers. Overall = (60 + 25) / 2 = 42.5.
    const [x] = satisfactionIndices(
      [row('a1', '5', 4), row('a1', '3', 2), row('a2', '4', 2), row('a2', '1', 2), row('a2', '9', 3), row('p1', '4', 1), row('p1', '2', 3)],
      key,
      ['x'],
    );
    expect(x?.elements.find((e) => e.element === 'access')).toEqual({ element: 'access', validAnswers: 10, satisfied: 6, percent: 60, withheld: false });
    expect(x?.elements.find((e) => e.element === 'procedure')?.percent).toBe(25);
    expect(x?.elements.find((e) => e.element === 'result')).toEqual({ element: 'result', validAnswers: 0, satisfied: 0, percent: null, withheld: false });
    expect(x?.overall).toBe(42.5);
  });

  it('withholds an element fewer than 3 respondents answered, and leaves it out of the overall index', () => {
    const key = buildAnswerKey([citizen], new Set());
    const row = (questionId: string, choice: string, n: number) => ({ questionnaireId: 'dan', version: 1, group: 'nguoi_dan', unitId: 'x', questionId, choice, n });
    // access: a1 and a2 answered by the same 2 people (4 answers, never 3 to one question): withheld.
    const [x] = satisfactionIndices([row('a1', '5', 2), row('a2', '4', 1), row('a2', '1', 1), row('p1', '4', 1), row('p1', '2', 2)], key, ['x']);
    expect(x?.elements.find((e) => e.element === 'access')).toEqual({ element: 'access', validAnswers: 4, satisfied: null, percent: null, withheld: true });
    expect(x?.overall).toBeCloseTo(100 / 3, 12);
  });
});
