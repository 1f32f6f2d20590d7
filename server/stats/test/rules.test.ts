import { describe, expect, it } from 'vitest';
import { IndexTree } from '../../../survey-forms/src';
import { scoresFromRespondents } from '../respondent-scores';
import { cellsFromCounts } from '../cell-means';
import { criterionScore } from '../criterion-score';
import { unitFlags } from '../flags';
import { rankUnits } from '../ranking';
import { isStraightLined } from '../respondent-stats';
import { unitScore } from '../unit-score';
import { facts, form, respondent, unitId } from './build';

/** Hand-worked cases of the rules of docs/SCORING.md; every expected figure below is worked out in the comment beside it. */
const index = IndexTree.parse({
  surveyShare: 3,
  fields: [
    { code: 'F2', name: 'Thủ tục hành chính', criteria: [{ code: '2.1', name: 'Công khai', maxPoints: 2 }] },
    { code: 'F3', name: 'Tổ chức bộ máy', criteria: [{ code: '3.1', name: 'Bộ máy', maxPoints: 1 }] },
  ],
});
const leaders = form('ldp', 'lanh_dao_phong', { q1: '2.1', q2: '3.1' });
const servants = form('cc', 'cong_chuc', { q1: '2.1', q2: '3.1' });

describe('the worked example: leaders A, B, E and civil servants C, C give criterion 2.1 one point of two (rules 1–3)', () => {
  const inputs = facts({ index, versions: [leaders, servants] });
  // Unit X: leaders A, B, E (valid 1.0, 0.6 → 0.8); servants C, C (0.2, 0.2 → 0.2).
  const rows = [
    respondent(inputs, 'r1', leaders, [[1, 'q1', 'A']]),
    respondent(inputs, 'r2', leaders, [[1, 'q1', 'B']]),
    respondent(inputs, 'r3', leaders, [[1, 'q1', 'E']]),
    respondent(inputs, 'r4', servants, [[1, 'q1', 'C']]),
    respondent(inputs, 'r5', servants, [[1, 'q1', 'C']]),
  ];
  const scored = scoresFromRespondents(inputs, rows);

  it('gives S(X, 2.1) = 2 × (0.8 + 0.2) / 2 = 1.0 point', async () => {
    const [x] = await scored;
    expect(x?.criteria[0]).toEqual({ criterionId: '2.1', points: expect.closeTo(1.0, 12), maxPoints: 2, validAnswers: 4 });
  });

  it('leaves criterion 3.1 missing, not zero, and rescales: T = 1 of M = 2, P = 50%', async () => {
    const [x] = await scored;
    expect(x?.criteria[1]).toEqual({ criterionId: '3.1', points: null, maxPoints: 1, validAnswers: 0 });
    expect(x).toMatchObject({ points: expect.closeTo(1, 12), maxPoints: 2, percent: expect.closeTo(50, 10), respondents: 4 });
    expect(x?.flags.map((f) => f.code)).toEqual(['criteria.missing']);
  });

  it('counts the "don\'t know" answer apart from the valid ones', () => {
    const cells = cellsFromCounts(
      [
        { questionnaireId: 'ldp', version: 1, group: 'lanh_dao_phong', unitId: unitId(1), questionId: 'q1', choice: 'A', n: 1 },
        { questionnaireId: 'ldp', version: 1, group: 'lanh_dao_phong', unitId: unitId(1), questionId: 'q1', choice: 'B', n: 1 },
        { questionnaireId: 'ldp', version: 1, group: 'lanh_dao_phong', unitId: unitId(1), questionId: 'q1', choice: 'E', n: 1 },
      ],
      inputs.answerKey,
    );
    expect(cells).toEqual([{ unitId: unitId(1), criterion: '2.1', questionId: 'q1', group: 'lanh_dao_phong', validN: 2, weightSum: 1.6, dontKnow: 1 }]);
  });
});

describe('rule 3 with mixed groups and unequal weights', () => {
  it('weights cell means by w_g over the (q, g) pairs that have a valid answer', () => {
    // Leaders (w = 2): q1 mean (1 + 0.6)/2 = 0.8, q2 mean 0.2. Servants (w = 1): q1 mean 0; q2 only "don't know" → no pair.
    // S = 3 × (2·0.8 + 2·0.2 + 1·0) / (2 + 2 + 1) = 3 × 2 / 5 = 1.2
    const cell = (group: string, questionId: string, validN: number, weightSum: number, dontKnow = 0) => ({ unitId: 'u', criterion: 'c', questionId, group, validN, weightSum, dontKnow });
    const s = criterionScore(3, [cell('ldp', 'q1', 2, 1.6), cell('ldp', 'q2', 1, 0.2), cell('cc', 'q1', 1, 0), cell('cc', 'q2', 0, 0, 4)], new Map([['ldp', 2], ['cc', 1]]));
    expect(s.points).toBeCloseTo(1.2, 12);
    expect(s).toMatchObject({ validAnswers: 4, weightSum: 5 });
  });

  it('gives missing (null), never zero, when every answer is "don\'t know"', async () => {
    const inputs = facts({ index, versions: [leaders] });
    const rows = [1, 2, 3].map((i) => respondent(inputs, `r${i}`, leaders, [[2, 'q1', 'E'], [2, 'q2', 'E']]));
    const unit = (await scoresFromRespondents(inputs, rows)).find((u) => u.unitId === unitId(2));
    expect(unit).toMatchObject({ points: 0, maxPoints: 0, percent: null, ci95: null, rank: null, respondents: 0 });
    expect(unit?.criteria.map((c) => c.points)).toEqual([null, null]);
    expect(unit?.flags.map((f) => f.code)).toEqual(['dont_know.majority', 'criteria.missing']);
  });
});

describe('rule 4: a missing criterion under both policies', () => {
  const criteria = [
    { code: '2.1', maxPoints: 2, points: 1.5 },
    { code: '3.1', maxPoints: 1, points: null },
  ];
  it('rescale: T = 1.5 of M = 2 → 75%', () => {
    expect(unitScore(criteria, 'rescale')).toEqual({ points: 1.5, maxPoints: 2, percent: 75, missingCriteria: ['3.1'] });
  });
  it('zero: T = 1.5 of the full share 3 → 50%', () => {
    expect(unitScore(criteria, 'zero')).toEqual({ points: 1.5, maxPoints: 3, percent: 50, missingCriteria: ['3.1'] });
  });
  it('nothing scored: no percentage in either policy', () => {
    const none = criteria.map((c) => ({ ...c, points: null }));
    expect(unitScore(none, 'rescale').percent).toBeNull();
    expect(unitScore(none, 'zero')).toMatchObject({ points: 0, maxPoints: 3, percent: null });
  });
  it('the zero policy flows through the whole computation', async () => {
    const inputs = facts({ index, versions: [leaders], missingPolicy: 'zero' });
    // One respondent: the method's figures (publication would withhold them, docs/PRIVACY.md).
    const [x] = await scoresFromRespondents(inputs, [respondent(inputs, 'r1', leaders, [[1, 'q1', 'B']])], { withhold: false });
    // S(2.1) = 2 × 0.6 = 1.2; 3.1 missing counts 0 of 1 → 1.2 / 3 = 40%.
    expect(x).toMatchObject({ points: expect.closeTo(1.2, 12), maxPoints: 3, percent: expect.closeTo(40, 10) });
    expect(x?.criteria[1]?.points).toBeNull();
  });
});

describe('rule 7: ranking', () => {
  const u = (n: number, percent: number | null, ci95: [number, number] | null = null, type = 'so') => ({ unitId: unitId(n), type, percent, ci95 });
  it('shares ranks on ties and skips the next (1, 2, 2, 4), per unit type', () => {
    const ranks = rankUnits([u(1, 80), u(2, 90), u(3, 80), u(4, 70), u(5, 10, null, 'xa'), u(6, null)]);
    expect([1, 2, 3, 4, 5, 6].map((n) => ranks.get(unitId(n))?.rank)).toEqual([2, 1, 2, 4, 1, null]);
  });
  it('treats float noise as a tie', () => {
    const ranks = rankUnits([u(1, 0.1 + 0.2), u(2, 0.3), u(3, 0.2)]);
    expect([1, 2, 3].map((n) => ranks.get(unitId(n))?.rank)).toEqual([1, 1, 3]);
  });
  it('marks neighbours whose intervals overlap as not distinguishable', () => {
    const ranks = rankUnits([u(1, 90, [85, 95]), u(2, 84, [80, 86]), u(3, 60, [55, 65])]);
    expect(ranks.get(unitId(1))?.indistinguishableFrom).toEqual([unitId(2)]);
    expect(ranks.get(unitId(2))?.indistinguishableFrom).toEqual([unitId(1)]);
    expect(ranks.get(unitId(3))?.indistinguishableFrom).toEqual([]);
  });
});

describe('rule 6: flags', () => {
  const base = { validRespondents: new Map([['cong_chuc', 2]]), minRespondents: new Map([['cong_chuc', 3], ['lanh_dao_phong', 1]]), validAnswers: 4, dontKnowAnswers: 5, straightLinedResponses: 1, missingCriteria: ['3.1'] };
  it('raises each flag with its reason', () => {
    const flags = unitFlags(base);
    expect(flags.map((f) => f.code)).toEqual(['quota.below_minimum', 'quota.below_minimum', 'dont_know.majority', 'straight_lining', 'criteria.missing']);
    expect(flags[0]?.detail).toContain('cong_chuc: 2 người trả lời hợp lệ, dưới mức tối thiểu 3');
  });
  it('stays quiet at exactly half "don\'t know" and when quotas are met', () => {
    expect(unitFlags({ ...base, validRespondents: new Map([['cong_chuc', 3], ['lanh_dao_phong', 1]]), dontKnowAnswers: 4, straightLinedResponses: 0, missingCriteria: [] })).toEqual([]);
  });
  it('detects straight-lining across units only with at least 5 scored answers', async () => {
    const cross = form('hdnd', 'dai_bieu_hdnd', { q1: '2.1', q2: '3.1' }, 'cross');
    const inputs = facts({ index, versions: [cross] });
    const same = respondent(inputs, 'a', cross, [[1, 'q1', 'B'], [1, 'q2', 'B'], [2, 'q1', 'B'], [2, 'q2', 'B'], [3, 'q1', 'B']]);
    const four = respondent(inputs, 'b', cross, [[1, 'q1', 'B'], [1, 'q2', 'B'], [2, 'q1', 'B'], [2, 'q2', 'B']]);
    const mixed = respondent(inputs, 'c', cross, [[1, 'q1', 'B'], [1, 'q2', 'B'], [2, 'q1', 'B'], [2, 'q2', 'B'], [3, 'q1', 'A']]);
    expect([same, four, mixed].map((r) => isStraightLined(r, inputs.slots))).toEqual([true, false, false]);
    const scores = await scoresFromRespondents(inputs, [same, mixed]);
    expect(scores.map((s) => s.flags.filter((f) => f.code === 'straight_lining').length)).toEqual([1, 1, 1, 0]);
  });
});
