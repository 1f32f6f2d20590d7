import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexTree } from '../../../survey-forms/src';
import { scoresFromRespondents } from '../respondent-scores';
import type { UnitScoreView } from '../../../survey-forms/src';
import type { RespondentAnswers } from '../respondents';
import { facts, form, respondent } from './build';

/** Properties of the rules of docs/SCORING.md over random campaigns of 4 agencies, two own-unit groups and one cross-evaluating group. */
const index = IndexTree.parse({
  surveyShare: 5,
  fields: [
    { code: 'F2', name: 'Thủ tục hành chính', criteria: [{ code: '2.1', name: 'Công khai', maxPoints: 3 }] },
    { code: 'F3', name: 'Tổ chức bộ máy', criteria: [{ code: '3.1', name: 'Bộ máy', maxPoints: 2 }] },
  ],
});
const questions = { q1: '2.1', q2: '2.1', q3: '3.1' };
const leaders = form('ldp', 'lanh_dao_phong', questions);
const servants = form('cc', 'cong_chuc', questions);
const delegates = form('hdnd', 'dai_bieu_hdnd', questions, 'cross');
const inputs = facts({
  index,
  versions: [leaders, servants, delegates],
  groups: [
    { code: 'lanh_dao_phong', weight: 2 },
    { code: 'cong_chuc', weight: 1 },
    { code: 'dai_bieu_hdnd', weight: 1.5 },
  ],
});
type Answer = [number, string, string];
const choice = fc.constantFrom('A', 'B', 'C', 'D', 'E', 'A', 'B');
const maybe = fc.option(choice, { freq: 6 });
const ownAnswers = fc.tuple(fc.integer({ min: 1, max: 4 }), maybe, maybe, maybe);
const crossAnswers = fc.array(fc.tuple(maybe, maybe, maybe), { minLength: 4, maxLength: 4 });

const campaign = fc.record({
  own: fc.array(fc.tuple(fc.boolean(), ownAnswers), { minLength: 8, maxLength: 40 }),
  cross: fc.array(crossAnswers, { minLength: 0, maxLength: 8 }),
});
/** Enough respondents in every (unit, group) stratum for the bootstrap distribution to shrink visibly when doubled. */
const bigCampaign = fc.record({
  own: fc.array(fc.tuple(fc.boolean(), fc.tuple(fc.integer({ min: 1, max: 4 }), choice, choice, choice)), { minLength: 120, maxLength: 160 }),
  cross: fc.array(fc.array(fc.tuple(choice, choice, choice), { minLength: 4, maxLength: 4 }), { minLength: 10, maxLength: 14 }),
});
type Campaign = typeof campaign extends fc.Arbitrary<infer T> ? T : never;

function toRows(c: Campaign, prefix = 'r'): RespondentAnswers[] {
  const rows = c.own.map(([isLeader, [unit, ...choices]], i) => {
    const answers: Answer[] = choices.flatMap((ch, k) => (ch === null ? [] : [[unit, `q${k + 1}`, ch] as Answer]));
    return respondent(inputs, `${prefix}o${String(i).padStart(3, '0')}`, isLeader ? leaders : servants, answers);
  });
  const cross = c.cross.map((perUnit, i) => {
    const answers: Answer[] = perUnit.flatMap((choices, u) => choices.flatMap((ch, k) => (ch === null ? [] : [[u + 1, `q${k + 1}`, ch] as Answer])));
    return respondent(inputs, `${prefix}x${String(i).padStart(3, '0')}`, delegates, answers);
  });
  return [...rows, ...cross];
}

/** The figures a score consists of (flags may legitimately change, e.g. more "don't know"). */
const figures = (units: UnitScoreView[]) =>
  units.map((u) => ({ unitId: u.unitId, points: u.points, maxPoints: u.maxPoints, percent: u.percent, criteria: u.criteria, respondents: u.respondents }));
/** Scores only: counts (respondents, valid answers) double when every respondent is duplicated. */
const scoresOnly = (units: UnitScoreView[]) =>
  units.map((u) => ({ points: u.points, maxPoints: u.maxPoints, percent: u.percent, criteria: u.criteria.map((c) => [c.criterionId, c.points, c.maxPoints]), rank: u.rank }));
const width = (ci: [number, number] | null) => (ci ? ci[1] - ci[0] : 0);
const RUNS = { numRuns: 25, seed: 20251 };

describe('scoring properties', () => {
  it('the order of responses changes nothing, intervals included', async () => {
    await fc.assert(
      fc.asyncProperty(campaign, fc.integer(), async (c, salt) => {
        const rows = toRows(c);
        const shuffled = [...rows].sort((a, b) => ((a.id.length * 31 + a.id.charCodeAt(a.id.length - 1) * salt) % 17) - ((b.id.length * 31 + b.id.charCodeAt(b.id.length - 1) * salt) % 17));
        expect(await scoresFromRespondents(inputs, shuffled.reverse())).toEqual(await scoresFromRespondents(inputs, rows));
      }),
      RUNS,
    );
  });

  it('adding "don\'t know" answers changes no score and no interval', async () => {
    await fc.assert(
      fc.asyncProperty(campaign, fc.integer({ min: 1, max: 5 }), async (c, extra) => {
        const rows = toRows(c);
        // Fill every unanswered question with "E", and add respondents who answer only "E".
        const filled = toRows({
          own: c.own.map(([l, [u, ...ch]]) => [l, [u, ...ch.map((x) => x ?? 'E')]] as Campaign['own'][number]),
          cross: c.cross.map((perUnit) => perUnit.map((ch) => ch.map((x) => x ?? 'E')) as Campaign['cross'][number]),
        });
        const dontKnow = Array.from({ length: extra }, (_, i) => respondent(inputs, `z${i}`, delegates, [[1, 'q1', 'E'], [2, 'q3', 'E']]));
        const before = await scoresFromRespondents(inputs, rows);
        const after = await scoresFromRespondents(inputs, [...filled, ...dontKnow]);
        expect(figures(after)).toEqual(figures(before));
        expect(after.map((u) => u.ci95)).toEqual(before.map((u) => u.ci95));
      }),
      RUNS,
    );
  });

  it('duplicating every respondent leaves scores unchanged and never widens an interval', async () => {
    await fc.assert(
      fc.asyncProperty(campaign, async (c) => {
        // The method itself: doubling lifts criteria over the 3-respondent publication threshold, tested below.
        const before = await scoresFromRespondents(inputs, toRows(c), { withhold: false });
        const after = await scoresFromRespondents(inputs, [...toRows(c, 'a'), ...toRows(c, 'b')], { withhold: false });
        expect(scoresOnly(after)).toEqual(scoresOnly(before));
        // Tiny strata keep their extreme resamples above 2.5% however often they are doubled, hence ≤ here.
        before.forEach((u, i) => expect(width(after[i]?.ci95 ?? null)).toBeLessThanOrEqual(width(u.ci95) + 1e-9));
      }),
      RUNS,
    );
  });

  it('publishes no criterion that fewer than 3 respondents answered, and scores it as missing', async () => {
    await fc.assert(
      fc.asyncProperty(campaign, async (c) => {
        const rows = toRows(c);
        const published = await scoresFromRespondents(inputs, rows);
        const method = await scoresFromRespondents(inputs, rows, { withhold: false });
        published.forEach((u, i) => {
          for (const [k, crit] of u.criteria.entries()) {
            // Respondents with a valid answer about this unit to this criterion, overall and per question.
            const unitIndex = inputs.model.units.findIndex((x) => x.id === u.unitId);
            const valid = (r: (typeof rows)[number], question?: string) =>
              [...r.slots].some((s, j) => {
                const slot = inputs.slots[s];
                return r.units[j] === unitIndex && slot?.criterion === crit.criterionId && slot.weight != null && (question === undefined || slot.questionId === question);
              });
            const questions = [...new Set(inputs.slots.filter((s) => s.criterion === crit.criterionId).map((s) => s.questionId))];
            const best = Math.max(0, ...questions.map((q) => rows.filter((r) => valid(r, q)).length));
            if (crit.points !== null) {
              expect(rows.filter((r) => valid(r)).length).toBeGreaterThanOrEqual(3);
              expect(crit.points).toEqual(method[i]?.criteria[k]?.points);
            } else if (method[i]?.criteria[k]?.points !== null) expect(best).toBeLessThan(3);
          }
          if (u.flags.some((f) => f.code === 'criteria.withheld')) expect(u.flags.some((f) => f.code === 'criteria.missing')).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('duplicating every respondent of a well-filled campaign narrows every non-degenerate interval', async () => {
    await fc.assert(
      fc.asyncProperty(bigCampaign, async (c) => {
        const before = await scoresFromRespondents(inputs, toRows(c));
        const after = await scoresFromRespondents(inputs, [...toRows(c, 'a'), ...toRows(c, 'b')]);
        expect(scoresOnly(after)).toEqual(scoresOnly(before));
        before.forEach((u, i) => {
          const w = width(u.ci95);
          if (w === 0) expect(width(after[i]?.ci95 ?? null)).toBe(0);
          else expect(width(after[i]?.ci95 ?? null)).toBeLessThan(w);
        });
      }),
      { numRuns: 10, seed: 20251 },
    );
  });
});
