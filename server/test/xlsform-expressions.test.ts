import { describe, expect, it } from 'vitest';
import { ExpressionError, formatConstraint, formatRelevant, parseConstraint, parseRelevant } from '../services/xlsform/expressions';

/** The XLSForm expression subset: what is read, how it is written back, and what is refused with a reason. */
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ExpressionError) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('relevant', () => {
  it('reads comparisons, selected(), not(), and/or with parentheses and literal-first comparisons', () => {
    expect(parseRelevant("${a} = 'x'")).toEqual({ op: '=', q: 'a', value: 'x' });
    expect(parseRelevant('3 < ${n}')).toEqual({ op: '>', q: 'n', value: 3 });
    expect(parseRelevant('${n} >= -1.5')).toEqual({ op: '>=', q: 'n', value: -1.5 });
    expect(parseRelevant('selected( ${m} , "b" )')).toEqual({ op: 'selected', q: 'm', value: 'b' });
    expect(parseRelevant("${a} != '' and (${b} = 'x' or not(${c} < 2))")).toEqual({
      op: 'and',
      args: [
        { op: '!=', q: 'a', value: '' },
        { op: 'or', args: [{ op: '=', q: 'b', value: 'x' }, { op: 'not', arg: { op: '<', q: 'c', value: 2 } }] },
      ],
    });
  });

  it('writes back text that reads as the same tree', () => {
    for (const src of ["${a} = 'x' and ${b} = 'y' and ${c} = 1", "(${a} = 'x' or ${b} = \"it's\") and not(selected(${m}, 'k'))"]) {
      const expr = parseRelevant(src);
      expect(parseRelevant(formatRelevant(expr))).toEqual(expr);
    }
  });

  it('refuses what it cannot hold, saying why', () => {
    expect(refusal(() => parseRelevant('count(${a}) > 1'))).toMatch(/count\(\) không được hỗ trợ/);
    expect(refusal(() => parseRelevant("${a} = 'x' ${b}"))).toMatch(/phần thừa/);
    expect(refusal(() => parseRelevant("${a} = 'x"))).toMatch(/Thiếu dấu/);
    expect(refusal(() => parseRelevant('${a} = ${b}'))).toMatch(/đúng một tham chiếu/);
    expect(refusal(() => parseRelevant('. > 1'))).toMatch(/constraint/);
    expect(refusal(() => parseRelevant(`${'('.repeat(40)}\${a} = 1${')'.repeat(40)}`))).toMatch(/lồng nhau/);
    expect(refusal(() => parseRelevant('${a} = 1 & 2'))).toMatch(/Ký tự không được hỗ trợ/);
    expect(refusal(() => parseRelevant(`\${a} = '${'x'.repeat(3000)}'`))).toMatch(/dài quá/);
  });
});

describe('constraint', () => {
  it('reads inclusive bounds on the value and the length, in any order', () => {
    expect(parseConstraint('. <= 20 and . >= 0', false)).toEqual({ min: 0, max: 20 });
    expect(parseConstraint('string-length(.) >= 3 and string-length(.) <= 500', false)).toEqual({ minLength: 3, maxLength: 500 });
    expect(parseConstraint('. > 0 and . < 10', true)).toEqual({ min: 1, max: 9 });
    expect(formatConstraint({ min: -2.5, maxLength: 9 })).toBe('. >= -2.5 and string-length(.) <= 9');
  });

  it('refuses strict bounds on decimals, equality, other functions and repeated bounds', () => {
    expect(refusal(() => parseConstraint('. > 0', false))).toMatch(/thập phân/);
    expect(refusal(() => parseConstraint('. = 1', true))).toMatch(/Chỉ hỗ trợ/);
    expect(refusal(() => parseConstraint("regex(., '[0-9]+')", false))).toMatch(/regex\(\)/);
    expect(refusal(() => parseConstraint('. >= 1 and . >= 2', false))).toMatch(/hai lần/);
    expect(refusal(() => parseConstraint('. >= 1 or . <= 0', false))).toMatch(/and/);
  });
});
