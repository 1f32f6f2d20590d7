import { describe, expect, it } from 'vitest';
import { responseFlagText } from '../../../survey-forms/src';
import { dontKnowMajority, MIN_SECONDS_PER_ANSWER, responseFlags } from '../flags';

/** docs/SCORING.md rule 6, per response: the thresholds worked by hand. */
const base = { scoredAnswers: 10, dontKnowAnswers: 0, straightLined: false, answers: 12, durationSeconds: 600 };

describe('flags of one response', () => {
  it('raises nothing for an ordinary response', () => {
    expect(responseFlags(base)).toEqual([]);
  });

  it('"don\'t know" counts only when more than half: 5 of 10 is not, 6 of 10 is', () => {
    expect(dontKnowMajority(10, 5)).toBe(false);
    expect(dontKnowMajority(10, 6)).toBe(true);
    expect(dontKnowMajority(0, 0)).toBe(false);
    expect(responseFlags({ ...base, dontKnowAnswers: 6 })).toEqual([
      { code: 'dont_know.majority', detail: '6 trong 10 câu trả lời là "Không biết" (quá nửa)', params: { dontKnow: 6, answered: 10 } },
    ]);
    // One language at a time: the English sentence is written from the same code and parameters.
    const [flag] = responseFlags({ ...base, dontKnowAnswers: 6 });
    expect(flag && responseFlagText(flag, 'en')).toBe('6 of 10 answers are "don\'t know" (more than half)');
  });

  it('too fast below 2 seconds per answer, from 5 answers on; a short form never', () => {
    expect(MIN_SECONDS_PER_ANSWER).toBe(2);
    expect(responseFlags({ ...base, durationSeconds: 24 })).toEqual([]); // 12 answers × 2 s = 24 s: not under
    expect(responseFlags({ ...base, durationSeconds: 23 }).map((f) => f.code)).toEqual(['too_fast']);
    expect(responseFlags({ ...base, answers: 4, durationSeconds: 1 })).toEqual([]);
    // A device clock set back gives a negative duration: shown as 0 seconds, still too fast.
    expect(responseFlags({ ...base, durationSeconds: -30 })[0]?.detail).toBe('Hoàn thành 12 câu trả lời trong 0 giây (dưới 2 giây mỗi câu)');
  });

  it('lists straight-lining, "don\'t know" and speed together, in that order', () => {
    const flags = responseFlags({ scoredAnswers: 6, dontKnowAnswers: 6, straightLined: true, answers: 6, durationSeconds: 3 });
    expect(flags.map((f) => f.code)).toEqual(['straight_lining', 'dont_know.majority', 'too_fast']);
  });
});
