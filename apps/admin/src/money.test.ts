import { describe, expect, it } from 'vitest';
import { fenToYuan, formatFen, parseYuan } from './money';

describe('parseYuan', () => {
  it('reads yuan with one or two decimals as whole fen', () => {
    expect(parseYuan('50.5')).toBe(5050);
    expect(parseYuan('50.50')).toBe(5050);
    expect(parseYuan('50')).toBe(5000);
    expect(parseYuan('0.01')).toBe(1);
  });

  it('is exact where multiplying a float by 100 is not', () => {
    // 1.13 * 100 === 112.99999999999999 and 19.99 * 100 === 1998.9999999999998 in floating point.
    expect(parseYuan('1.13')).toBe(113);
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('0.07')).toBe(7);
  });

  it('accepts a yuan sign, surrounding spaces and a bare leading or trailing point', () => {
    expect(parseYuan(' ¥12.30 ')).toBe(1230);
    expect(parseYuan('￥8')).toBe(800);
    expect(parseYuan('.5')).toBe(50);
    expect(parseYuan('5.')).toBe(500);
    expect(parseYuan('0')).toBe(0);
  });

  it('refuses what is not an amount of whole fen', () => {
    for (const text of ['', ' ', '.', '¥', '1.005', '-1', '+1', '1e3', 'abc', '1,000', '1.2.3']) {
      expect(parseYuan(text), text).toBeNull();
    }
  });

  it('refuses more than nine digits of yuan', () => {
    expect(parseYuan('999999999.99')).toBe(99_999_999_999);
    expect(parseYuan('1000000000')).toBeNull();
  });
});

describe('fenToYuan', () => {
  it('writes two decimals, padding small amounts', () => {
    expect(fenToYuan(5050)).toBe('50.50');
    expect(fenToYuan(5000)).toBe('50.00');
    expect(fenToYuan(7)).toBe('0.07');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-120)).toBe('-1.20');
  });

  it('is read back by parseYuan to the same fen', () => {
    for (const fen of [0, 1, 99, 100, 113, 1999, 123_456_789]) {
      expect(parseYuan(fenToYuan(fen))).toBe(fen);
    }
  });
});

describe('formatFen', () => {
  it('shows yuan with the sign, thousands separators and two decimals', () => {
    expect(formatFen(123_456)).toBe('¥1,234.56');
    expect(formatFen(100_000_000)).toBe('¥1,000,000.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-2500)).toBe('-¥25.00');
  });
});
