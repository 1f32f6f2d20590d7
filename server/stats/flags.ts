import type { ResponseFlag, ScoreFlag } from '../../survey-forms/src';

export interface FlagInput {
  /** Valid respondents per group about the unit. */
  validRespondents: ReadonlyMap<string, number>;
  /** Quota minimum per group for the unit (groups without a quota are not checked). */
  minRespondents: ReadonlyMap<string, number>;
  /** Answers to scored questions about the unit: valid and "don't know". */
  validAnswers: number;
  dontKnowAnswers: number;
  straightLinedResponses: number;
  missingCriteria: readonly string[];
  /** Criteria withheld because fewer than 3 respondents answered them (small-cells.ts rule 1); also missing. */
  withheldCriteria?: readonly string[];
}

/**
 * docs/SCORING.md rule 6 (flags), each with its reason in Vietnamese then English: fewer valid
 * respondents than the quota's minimum in any group; more than half the answers "don't know";
 * straight-lined responses among those rating the unit; criteria missing.
 */
export function unitFlags(input: FlagInput): ScoreFlag[] {
  const flags: ScoreFlag[] = [];
  for (const [group, minimum] of [...input.minRespondents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const got = input.validRespondents.get(group) ?? 0;
    if (got < minimum) {
      flags.push({
        code: 'quota.below_minimum',
        detail: `Nhóm ${group}: ${got} người trả lời hợp lệ, dưới mức tối thiểu ${minimum} (group ${group}: ${got} valid respondents, minimum ${minimum})`,
      });
    }
  }
  const answered = input.validAnswers + input.dontKnowAnswers;
  if (dontKnowMajority(answered, input.dontKnowAnswers)) {
    flags.push({
      code: 'dont_know.majority',
      detail: `${input.dontKnowAnswers}/${answered} câu trả lời là "Không biết" (more than half the answers are "don't know")`,
    });
  }
  if (input.straightLinedResponses > 0) {
    flags.push({
      code: 'straight_lining',
      detail: `${input.straightLinedResponses} phiếu chọn cùng một phương án cho mọi câu hỏi (straight-lined responses)`,
    });
  }
  if (input.withheldCriteria?.length) {
    flags.push({
      code: 'criteria.withheld',
      detail: `Ẩn điểm tiêu chí có dưới 3 người trả lời, tính như thiếu: ${input.withheldCriteria.join(', ')} (criteria withheld: fewer than 3 respondents, counted as missing)`,
    });
  }
  if (input.missingCriteria.length > 0) {
    flags.push({
      code: 'criteria.missing',
      detail: `Thiếu điểm tiêu chí: ${input.missingCriteria.join(', ')} (criteria missing)`,
    });
  }
  return flags;
}

/** docs/SCORING.md rule 6: more than half of the scored answers are "don't know" (a unit's, or one response's). */
export function dontKnowMajority(answered: number, dontKnow: number): boolean {
  return answered > 0 && dontKnow * 2 > answered;
}

/** docs/SCORING.md rule 6 (too fast): fewer seconds on the device than this per answer given. */
export const MIN_SECONDS_PER_ANSWER = 2;
/** Forms with fewer answers than this are never called too fast: a short form is quick. */
export const TOO_FAST_MIN_ANSWERS = 5;

export interface ResponseFlagInput {
  /** Scored answers (valid and "don't know"), and how many of them are "don't know". */
  scoredAnswers: number;
  dontKnowAnswers: number;
  /** respondent-stats.ts isStraightLined, the same test the unit flag counts. */
  straightLined: boolean;
  /** Every answer given, scored or not. */
  answers: number;
  /** Completed minus started, on the device, in whole seconds. */
  durationSeconds: number;
}

/**
 * docs/SCORING.md rule 6, per response (the review list): the same straight-lining and
 * "don't know" rules the unit flags count, plus a form completed in less than
 * MIN_SECONDS_PER_ANSWER seconds per answer. Reasons in Vietnamese and in English.
 */
export function responseFlags(input: ResponseFlagInput): ResponseFlag[] {
  const flags: ResponseFlag[] = [];
  if (input.straightLined) {
    flags.push({
      code: 'straight_lining',
      detail: `Chọn cùng một phương án cho cả ${input.scoredAnswers} câu được chấm điểm`,
      detailEn: `The same option for all ${input.scoredAnswers} scored answers`,
    });
  }
  if (dontKnowMajority(input.scoredAnswers, input.dontKnowAnswers)) {
    flags.push({
      code: 'dont_know.majority',
      detail: `${input.dontKnowAnswers}/${input.scoredAnswers} câu trả lời là "Không biết"`,
      detailEn: `${input.dontKnowAnswers} of ${input.scoredAnswers} answers are "don't know"`,
    });
  }
  if (input.answers >= TOO_FAST_MIN_ANSWERS && input.durationSeconds < MIN_SECONDS_PER_ANSWER * input.answers) {
    const seconds = Math.max(0, input.durationSeconds);
    flags.push({
      code: 'too_fast',
      detail: `Hoàn thành ${input.answers} câu trả lời trong ${seconds} giây (dưới ${MIN_SECONDS_PER_ANSWER} giây mỗi câu)`,
      detailEn: `${input.answers} answers in ${seconds} seconds (under ${MIN_SECONDS_PER_ANSWER} seconds each)`,
    });
  }
  return flags;
}
