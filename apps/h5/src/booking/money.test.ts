import { describe, expect, it } from 'vitest';
import { formatFen } from './money';

describe('money in fen', () => {
  it('shows whole yuan with two digits of fen', () => {
    expect(formatFen(5000)).toBe('50.00');
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(1)).toBe('0.01');
    expect(formatFen(10)).toBe('0.10');
    expect(formatFen(123456)).toBe('1234.56');
  });

  it('keeps amounts exact where floating point would not', () => {
    // 1.15 * 100 is 114.99999999999999 in floating point; fen never pass through it.
    expect(formatFen(115)).toBe('1.15');
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('signs refunds and corrections', () => {
    expect(formatFen(-250)).toBe('-2.50');
  });

  it('refuses fractions of a fen instead of rounding money silently', () => {
    expect(() => formatFen(50.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });
});
