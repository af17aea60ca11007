import { describe, expect, it } from 'vitest';
import { nextTick, parseCron, ticksBetween } from './cron';

const SH = 'Asia/Shanghai';

describe('cron schedules in the hospital time zone', () => {
  it('fires "0 19 * * *" at 19:00 Shanghai time, which is 11:00 UTC', () => {
    const next = nextTick(parseCron('0 19 * * *'), SH, new Date('2026-11-25T08:00:00Z'));
    expect(next?.toISOString()).toBe('2026-11-25T11:00:00.000Z');
  });

  it('supports lists, ranges and steps', () => {
    const schedule = parseCron('*/15 7-8 * * 1-5');
    const ticks = ticksBetween(
      schedule,
      SH,
      new Date('2026-11-23T22:59:00Z'),
      new Date('2026-11-24T01:00:00Z'),
    );
    // Tuesday 24 Nov, 07:00–08:45 Shanghai.
    expect(ticks.map((t) => t.toISOString().slice(11, 16))).toEqual([
      '23:00',
      '23:15',
      '23:30',
      '23:45',
      '00:00',
      '00:15',
      '00:30',
      '00:45',
    ]);
  });

  it('skips weekends for a weekday schedule and treats 7 as Sunday', () => {
    const friday = new Date('2026-11-27T12:00:00Z');
    expect(nextTick(parseCron('0 7 * * 1-5'), SH, friday)?.toISOString()).toBe(
      '2026-11-29T23:00:00.000Z',
    );
    expect(nextTick(parseCron('0 7 * * 7'), SH, friday)?.toISOString()).toBe(
      '2026-11-28T23:00:00.000Z',
    );
  });

  it('matches either day field when both are restricted, as cron does', () => {
    const ticks = ticksBetween(
      parseCron('0 0 1 * 0'),
      SH,
      new Date('2026-11-30T00:00:00Z'),
      new Date('2026-12-14T00:00:00Z'),
    );
    expect(ticks.map((t) => t.toISOString().slice(0, 10))).toEqual([
      '2026-11-30',
      '2026-12-05',
      '2026-12-12',
    ]);
  });

  it('names the faulty field of a bad expression', () => {
    expect(() => parseCron('61 * * * *')).toThrow(/minute/);
    expect(() => parseCron('0 19 * *')).toThrow(/5 fields/);
    expect(() => parseCron('0 0 * 13 *')).toThrow(/month/);
  });

  it('finds a tick years ahead (29 February) and gives up past the horizon', () => {
    const schedule = parseCron('0 0 29 2 *');
    const from = new Date('2026-03-01T00:00:00Z');
    expect(nextTick(schedule, SH, from, 4 * 366 * 86_400_000)?.toISOString()).toBe(
      '2028-02-28T16:00:00.000Z',
    );
    expect(nextTick(schedule, SH, from, 366 * 86_400_000)).toBeNull();
  });
});
