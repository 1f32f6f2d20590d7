import { type FlagCode, type FlagNames, type FlagParams, flagText, type ResponseFlag, responseFlagText, type ScoreFlag } from '../../survey-forms/src';

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
  /** Names of groups and criteria for the Vietnamese `detail` (codes when absent). */
  names?: FlagNames;
}

/**
 * docs/SCORING.md rule 6 (flags): fewer valid respondents than the quota's minimum in any
 * group; more than half the answers "don't know"; straight-lined responses among those rating
 * the unit; criteria missing or withheld. Each flag carries its code and parameters; `detail`
 * is its sentence in Vietnamese, written by survey-forms/src/flag-text.ts (which also writes
 * English for the console), never two languages in one sentence.
 */
export function unitFlags(input: FlagInput): ScoreFlag[] {
  const flags: ScoreFlag[] = [];
  const add = (code: FlagCode, params: FlagParams) => flags.push({ code, detail: flagText({ code, params }, 'vi', input.names), params });
  for (const [group, minimum] of [...input.minRespondents].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const valid = input.validRespondents.get(group) ?? 0;
    if (valid < minimum) add('quota.below_minimum', { group, valid, minimum });
  }
  const answered = input.validAnswers + input.dontKnowAnswers;
  if (dontKnowMajority(answered, input.dontKnowAnswers)) add('dont_know.majority', { dontKnow: input.dontKnowAnswers, answered });
  if (input.straightLinedResponses > 0) add('straight_lining', { responses: input.straightLinedResponses });
  if (input.withheldCriteria?.length) add('criteria.withheld', { criteria: [...input.withheldCriteria] });
  if (input.missingCriteria.length > 0) add('criteria.missing', { criteria: [...input.missingCriteria] });
  return flags;
}

/** docs/SCORING.md rule 6: more than half of the scored answers are "don't know" (a unit's, or one response's). */
export function dontKnowMajority(answered: number, dontKnow: number): boolean {
  return answered > 0 && dontKnow * 2 > answered;
}

/** docs/SCORING.md rule 6 (too fast): fewer seconds on the device than this per answer given. */
export const MIN_SECONDS_PER_ANSWER = 2;
/** Forms with fewer answers than this are never called too fast: a short form is quick. */
const TOO_FAST_MIN_ANSWERS = 5;

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
 * MIN_SECONDS_PER_ANSWER seconds per answer. Each flag carries its code and parameters; `detail`
 * is its Vietnamese sentence (survey-forms/src/flag-text.ts `responseFlagText`), the console
 * writes the interface language from the parameters.
 */
export function responseFlags(input: ResponseFlagInput): ResponseFlag[] {
  const flags: ResponseFlag[] = [];
  const add = (code: ResponseFlag['code'], params: ResponseFlag['params']) => flags.push({ code, detail: responseFlagText({ code, params }, 'vi'), params });
  if (input.straightLined) add('straight_lining', { answered: input.scoredAnswers });
  if (dontKnowMajority(input.scoredAnswers, input.dontKnowAnswers)) add('dont_know.majority', { dontKnow: input.dontKnowAnswers, answered: input.scoredAnswers });
  if (input.answers >= TOO_FAST_MIN_ANSWERS && input.durationSeconds < MIN_SECONDS_PER_ANSWER * input.answers) {
    add('too_fast', { answers: input.answers, seconds: Math.max(0, input.durationSeconds), secondsPerAnswer: MIN_SECONDS_PER_ANSWER });
  }
  return flags;
}
