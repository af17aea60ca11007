import { describe, expect, it } from 'vitest';
import { formatYuan, yuanNumber } from './money';

describe('money shown from fen', () => {
  it('formats whole fen without floating-point rounding', () => {
    expect(formatYuan(5050)).toBe('50.50');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-1999)).toBe('-19.99');
    // 0.1 + 0.2 style traps: 29 fen and 1,234,567 fen stay exact.
    expect(formatYuan(29)).toBe('0.29');
    expect(formatYuan(123_456_7)).toBe('12345.67');
  });

  it('gives spreadsheet numbers equal to the text', () => {
    expect(yuanNumber(5050)).toBe(50.5);
    expect(yuanNumber(1)).toBe(0.01);
    expect(String(yuanNumber(123_456_7))).toBe('12345.67');
  });

  it('rounds an average to the nearest fen first', () => {
    expect(yuanNumber(1234.5)).toBe(12.35);
    expect(yuanNumber(1234.49)).toBe(12.34);
    expect(yuanNumber(100 / 3)).toBe(0.33);
  });
});
