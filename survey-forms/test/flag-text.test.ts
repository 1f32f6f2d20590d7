import { describe, expect, it } from 'vitest';
import { FLAG_CODES, FLAG_TITLES, flagText } from '../src/flag-text';

const names = {
  group: (code: string) => ({ cong_chuc: 'Công chức' })[code],
  criterion: (code: string) => ({ '2.1': 'Công khai thủ tục hành chính' })[code],
};
// Words that only appear in one of the two languages: a sentence carrying both is mixed.
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]|người|phiếu|tiêu chí/i;
const ENGLISH = /\b(respondents|answers|responses|criteria|group|minimum|missing|withheld)\b/i;

describe('flag texts are written in one language at a time', () => {
  const flags = [
    { code: 'quota.below_minimum' as const, params: { group: 'cong_chuc', valid: 2, minimum: 1500 } },
    { code: 'dont_know.majority' as const, params: { dontKnow: 1200, answered: 2000 } },
    { code: 'straight_lining' as const, params: { responses: 3 } },
    { code: 'criteria.withheld' as const, params: { criteria: ['2.1'] } },
    { code: 'criteria.missing' as const, params: { criteria: ['2.1', '3.4'] } },
  ];
  it('names groups and criteria, with a criterion code only in brackets after its name', () => {
    expect(flagText(flags[0]!, 'vi', names)).toBe('Nhóm Công chức: 2 người trả lời hợp lệ, dưới mức tối thiểu 1.500: chưa đủ số phiếu, hạng chỉ là tạm tính');
    expect(flagText(flags[0]!, 'en', names)).toBe('Group Công chức: 2 valid respondents, below the minimum of 1.500: not enough answers, the rank is provisional');
    expect(flagText(flags[4]!, 'vi', names)).toBe('Thiếu điểm tiêu chí: Công khai thủ tục hành chính (2.1); 3.4');
    expect(flagText(flags[1]!, 'vi')).toBe('1.200 trong 2.000 câu trả lời là "Không biết" (quá nửa)');
  });
  it('never mixes Vietnamese and English in one sentence', () => {
    for (const flag of flags) {
      // Names are data (Vietnamese); the sentence around them must be in one language.
      const vi = flagText(flag, 'vi');
      const en = flagText(flag, 'en');
      expect(vi, vi).not.toMatch(ENGLISH);
      expect(en, en).not.toMatch(VIETNAMESE);
    }
    for (const code of FLAG_CODES) expect(FLAG_TITLES.en[code]).not.toMatch(VIETNAMESE);
  });
});
