import type { ScoreFlag } from '../../survey-forms/src';

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
  if (answered > 0 && input.dontKnowAnswers * 2 > answered) {
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
