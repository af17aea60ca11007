import { describe, expect, it } from 'vitest';
import { monthOf, rateYuan, splitMinutes, statementQuery } from './lending';

describe('statement filters', () => {
  it('takes the month of a local date', () => {
    expect(monthOf('2026-12-31')).toBe('2026-12');
  });

  it('asks for every department unless one is chosen', () => {
    expect(statementQuery('2026-11', '')).toEqual({ month: '2026-11' });
    expect(statementQuery('2026-11', 'd1')).toEqual({ month: '2026-11', departmentId: 'd1' });
  });
});

describe('splitMinutes', () => {
  it('shows 460 billed minutes as 7 hours 40', () => {
    expect(splitMinutes(460)).toEqual({ hours: 7, minutes: '40' });
  });

  it('pads single minutes and never goes negative', () => {
    expect(splitMinutes(65)).toEqual({ hours: 1, minutes: '05' });
    expect(splitMinutes(-3)).toEqual({ hours: 0, minutes: '00' });
  });
});

describe('rateYuan', () => {
  it('shows a rate of 1500 fen as 15.00 yuan', () => {
    expect(rateYuan(1500)).toBe('15.00');
    expect(rateYuan(5)).toBe('0.05');
  });
});
