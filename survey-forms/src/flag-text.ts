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

export interface FlagNames {
  group?: (code: string) => string | undefined;
  criterion?: (code: string) => string | undefined;
}

export type FlagLang = 'vi' | 'en';

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

const n = (x: number | undefined) => formatCount(x ?? 0);

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
      return vi
        ? `${n(p.dontKnow)} trong ${n(p.answered)} câu trả lời là "Không biết" (quá nửa)`
        : `${n(p.dontKnow)} of ${n(p.answered)} answers are "don't know" (more than half)`;
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
