import { describe, expect, it } from 'vitest';
import {
  addDays,
  elapsed,
  formatDateTime,
  formatDuration,
  localDateOf,
  weekdayOf,
} from './datetime';

describe('formatDateTime', () => {
  it('shows UTC instants in Shanghai time, next day included', () => {
    expect(formatDateTime('2026-11-25T19:10:00.000Z')).toBe('2026-11-26 03:10:00');
  });

  it('keeps 24-hour midnight as 00, not 24', () => {
    expect(formatDateTime('2026-01-31T16:00:05Z')).toBe('2026-02-01 00:00:05');
  });

  it('follows another zone when asked', () => {
    expect(formatDateTime('2026-07-01T12:00:00Z', 'Europe/Paris')).toBe('2026-07-01 14:00:00');
  });

  it('returns what it cannot read unchanged', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('formatDuration', () => {
  it('uses milliseconds, seconds, then minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
  });
});

describe('elapsed', () => {
  it('is null while a run has not finished', () => {
    expect(elapsed('2026-11-25T10:00:00Z', null)).toBeNull();
    expect(elapsed('2026-11-25T10:00:00Z', '2026-11-25T10:00:01.500Z')).toBe(1500);
  });
});

describe('localDateOf', () => {
  it('takes the date of the hospital, not of the machine', () => {
    // 17:30 UTC on 31 December is already New Year's Day in Shanghai.
    expect(localDateOf(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01');
    expect(localDateOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-10', 13)).toBe('2026-03-23');
  });
});

describe('weekdayOf', () => {
  it('counts Monday as 1 and Sunday as 7', () => {
    expect(weekdayOf('2026-06-01')).toBe(1);
    expect(weekdayOf('2026-06-06')).toBe(6);
    expect(weekdayOf('2026-06-07')).toBe(7);
  });
});
