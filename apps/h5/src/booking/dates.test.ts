import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildDateStrip,
  cancelDeadline,
  hospitalDate,
  hospitalDateTime,
  isoWeekday,
  timeRange,
} from './dates';

describe("the hospital's calendar and clock", () => {
  it('puts an instant on the hospital’s date, not the phone’s or UTC', () => {
    // 17:30 UTC on 1 March is 01:30 on 2 March in Beijing.
    expect(hospitalDate('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(hospitalDateTime('2026-03-01T17:30:00Z')).toBe('2026-03-02 01:30');
  });

  it('shows a slot as a range of hours and minutes on a 24-hour clock', () => {
    expect(timeRange('2026-03-02T00:00:00Z', '2026-03-02T00:30:00Z')).toBe('08:00–08:30');
    expect(timeRange('2026-03-02T05:30:00Z', '2026-03-02T06:00:00Z')).toBe('13:30–14:00');
    expect(timeRange('2026-03-01T16:00:00Z', '2026-03-01T16:15:00Z')).toBe('00:00–00:15');
  });

  it('adds days across month and year ends and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('numbers weekdays from Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
  });
});

describe('the date strip', () => {
  it('starts today and runs on for the requested number of days', () => {
    const strip = buildDateStrip('2026-02-26', 8);
    expect(strip.map((d) => d.date)).toEqual([
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    expect(strip[0]).toEqual({ date: '2026-02-26', weekday: 4, month: 2, day: 26, isToday: true });
    expect(strip[3]).toEqual({ date: '2026-03-01', weekday: 7, month: 3, day: 1, isToday: false });
    expect(strip.filter((d) => d.isToday)).toHaveLength(1);
  });

  it('always shows at least today', () => {
    expect(buildDateStrip('2026-02-26', 0).map((d) => d.date)).toEqual(['2026-02-26']);
  });
});

describe('the online cancellation deadline', () => {
  it('is midnight starting the visit day when the cutoff is 0 hours', () => {
    expect(cancelDeadline('2026-03-02', 0)).toBe('2026-03-02 00:00');
  });

  it('moves back into the previous days by the cutoff hours', () => {
    expect(cancelDeadline('2026-03-02', 6)).toBe('2026-03-01 18:00');
    expect(cancelDeadline('2026-03-01', 30)).toBe('2026-02-27 18:00');
  });
});
