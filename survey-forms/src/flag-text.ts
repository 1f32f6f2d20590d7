import { formatCount } from './number-format';

/**
 * Flag texts (docs/SCORING.md rule 6), one language at a time. A flag carries its code and
 * parameters (group, counts, criteria); its sentence is written here, in Vietnamese or in
 * English, with the names of groups and criteria (codes only in brackets after a criterion's
 * name). The server writes `detail` in Vietnamese with this module; the console writes the
 * interface language from `code` and `params`. Zod-free, for the console chunk.
 */
export const FLAG_CODES = ['quota.below_minimum', 'dont_know.majority', 'straight_lining', 'criteria.missing', 'criteria.withheld'] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface FlagParams {
  /** quota.below_minimum: the group code, its valid respondents and the quota minimum. */
  group?: string;
  valid?: number;
  minimum?: number;
  /** dont_know.majority: "don't know" answers among answered scored answers. */
  dontKnow?: number;
  answered?: number;
  /** straight_lining: straight-lined responses rating the unit. */
  responses?: number;
  /** criteria.missing, criteria.withheld: criterion codes. */
  criteria?: string[];
}

/**
 * Flags of one response in the data review (docs/SCORING.md rule 6, "The data review lists
 * responses"): the same one-system approach, a code with parameters, its sentence written here.
 */
export const RESPONSE_FLAG_CODES = ['straight_lining', 'dont_know.majority', 'too_fast'] as const;
type ResponseCode = (typeof RESPONSE_FLAG_CODES)[number];

export interface ResponseFlagParams {
  /** straight_lining, dont_know.majority: the response's scored answers, and its "don't know" answers among them. */
  answered?: number;
  dontKnow?: number;
  /** too_fast: every answer given, the seconds taken on the device, and the least seconds per answer expected. */
  answers?: number;
  seconds?: number;
  secondsPerAnswer?: number;
}

export interface FlagNames {
  group?: (code: string) => string | undefined;
  criterion?: (code: string) => string | undefined;
}

export type FlagLang = 'vi' | 'en';

const n = (x: number | undefined) => formatCount(x ?? 0);

/** dont_know.majority says the same of a response and of a unit: "don't know" answers among the answered. */
const dontKnowMajority = (p: { dontKnow?: number; answered?: number }, vi: boolean): string =>
  vi
    ? `${n(p.dontKnow)} trong ${n(p.answered)} câu trả lời là "Không biết" (quá nửa)`
    : `${n(p.dontKnow)} of ${n(p.answered)} answers are "don't know" (more than half)`;

/** Short names of a response's flags in the data review (filters and list items). */
export const RESPONSE_FLAG_TITLES: Record<FlagLang, Record<ResponseCode, string>> = {
  vi: { straight_lining: 'Chọn cùng một phương án', 'dont_know.majority': 'Quá nửa "Không biết"', too_fast: 'Hoàn thành quá nhanh' },
  en: { straight_lining: 'Straight-lining', 'dont_know.majority': 'Mostly "don\'t know"', too_fast: 'Completed too fast' },
};

/** The sentence of one response's flag in one language (the review list's `detail` is the Vietnamese one). */
export function responseFlagText(flag: { code: ResponseCode; params?: ResponseFlagParams }, lang: FlagLang): string {
  const p = flag.params ?? {};
  const vi = lang === 'vi';
  switch (flag.code) {
    case 'straight_lining':
      return vi ? `Chọn cùng một phương án cho cả ${n(p.answered)} câu được chấm điểm` : `The same option for all ${n(p.answered)} scored answers`;
    case 'dont_know.majority':
      return dontKnowMajority(p, vi);
    case 'too_fast':
      return vi
        ? `Hoàn thành ${n(p.answers)} câu trả lời trong ${n(p.seconds)} giây (dưới ${n(p.secondsPerAnswer)} giây mỗi câu)`
        : `${n(p.answers)} answers in ${n(p.seconds)} seconds (under ${n(p.secondsPerAnswer)} seconds each)`;
  }
}

/** Short names of the flags, for tags and column headers. */
export const FLAG_TITLES: Record<FlagLang, Record<FlagCode, string>> = {
  vi: {
    'quota.below_minimum': 'Chưa đủ số phiếu',
    'dont_know.majority': 'Quá nửa "không biết"',
    straight_lining: 'Trả lời một kiểu',
    'criteria.missing': 'Thiếu tiêu chí',
    'criteria.withheld': 'Ẩn tiêu chí dưới 3 người',
  },
  en: {
    'quota.below_minimum': 'Not enough answers',
    'dont_know.majority': 'Mostly "don\'t know"',
    straight_lining: 'Straight-lining',
    'criteria.missing': 'Criteria missing',
    'criteria.withheld': 'Criteria withheld (under 3)',
  },
};

/** "Tên tiêu chí (2.1)" when the name is known, else the code. */
function criteriaList(codes: readonly string[] | undefined, names: FlagNames | undefined): string {
  return (codes ?? []).map((c) => {
    const name = names?.criterion?.(c);
    return name ? `${name} (${c})` : c;
  }).join('; ');
}

/** The sentence of one flag in one language. */
export function flagText(flag: { code: FlagCode; params?: FlagParams }, lang: FlagLang, names?: FlagNames): string {
  const p = flag.params ?? {};
  const group = p.group === undefined ? '' : (names?.group?.(p.group) ?? p.group);
  const vi = lang === 'vi';
  switch (flag.code) {
    case 'quota.below_minimum':
      return vi
        ? `Nhóm ${group}: ${n(p.valid)} người trả lời hợp lệ, dưới mức tối thiểu ${n(p.minimum)}: chưa đủ số phiếu, hạng chỉ là tạm tính`
        : `Group ${group}: ${n(p.valid)} valid respondents, below the minimum of ${n(p.minimum)}: not enough answers, the rank is provisional`;
    case 'dont_know.majority':
      return dontKnowMajority(p, vi);
    case 'straight_lining':
      return vi
        ? `${n(p.responses)} phiếu chọn cùng một phương án cho mọi câu hỏi`
        : `${n(p.responses)} responses chose the same option for every question`;
    case 'criteria.withheld':
      return vi
        ? `Ẩn điểm tiêu chí có dưới 3 người trả lời, tính như thiếu: ${criteriaList(p.criteria, names)}`
        : `Criteria withheld (fewer than 3 respondents), counted as missing: ${criteriaList(p.criteria, names)}`;
    case 'criteria.missing':
      return vi ? `Thiếu điểm tiêu chí: ${criteriaList(p.criteria, names)}` : `Criteria missing: ${criteriaList(p.criteria, names)}`;
  }
}
