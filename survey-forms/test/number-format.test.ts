import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatInterval, formatNumber, formatPercent } from '../src/number-format';

describe('numbers for people are written the Vietnamese way', () => {
  it('uses a decimal comma and a dot between thousands', () => {
    expect(formatPercent(41.83)).toBe('41,8');
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatCount(12345)).toBe('12.345');
    expect(formatCount(999)).toBe('999');
  });
  it('keeps exactly the asked number of decimals, rounding half away from zero', () => {
    expect(formatNumber(0.7, 2)).toBe('0,70');
    expect(formatNumber(2.25, 1)).toBe('2,3');
    expect(formatNumber(100, 1)).toBe('100,0');
  });
  it('writes a missing figure as a dash and never a negative zero', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined, 1)).toBe('—');
    expect(formatNumber(Number.NaN, 1)).toBe('—');
    expect(formatNumber(-0.04, 1)).toBe('0,0');
    expect(formatNumber(-1.5, 1)).toBe('-1,5');
  });
  it('writes weights with only the decimals they have', () => {
    expect([0.6, 1, 2.25, 0.125, 1500].map(formatDecimal)).toEqual(['0,6', '1', '2,25', '0,125', '1.500']);
  });
  it('writes an interval with an en dash', () => {
    expect(formatInterval(38.24, 45.06)).toBe('38,2–45,1');
  });
});
