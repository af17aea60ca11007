import { describe, expect, it } from 'vitest';
import type { ScheduleSummary } from '@zhangyi/contracts';
import { initialDate, scheduleState, schedulesOn } from './schedule';

const NOW = Date.parse('2026-03-02T02:00:00Z');

function schedule(overrides: Partial<ScheduleSummary> = {}): ScheduleSummary {
  return {
    id: 's1',
    doctor: { id: 'd1', name: '张建国', title: '主任医师' },
    departmentId: 'dep1',
    departmentName: '心血管内科',
    date: '2026-03-03',
    period: 'morning',
    clinicType: 'specialist',
    feeFen: 5000,
    status: 'open',
    releaseAt: '2026-02-24T00:00:00Z',
    onlineTotal: 20,
    onlineAvailable: 5,
    bookable: true,
    ...overrides,
  };
}

describe('the state of a schedule', () => {
  it('is bookable when the server says so', () => {
    expect(scheduleState(schedule(), NOW)).toBe('bookable');
  });

  it('trusts the server over a phone clock that is behind the release time', () => {
    expect(scheduleState(schedule({ releaseAt: '2026-03-02T03:00:00Z' }), NOW)).toBe('bookable');
  });

  it('says 停诊 for a stopped clinic, whatever else holds', () => {
    expect(scheduleState(schedule({ status: 'stopped', bookable: false }), NOW)).toBe('stopped');
    expect(
      scheduleState(
        schedule({ status: 'stopped', bookable: false, releaseAt: '2026-03-05T00:00:00Z' }),
        NOW,
      ),
    ).toBe('stopped');
  });

  it('says 未放号 before the release time', () => {
    expect(
      scheduleState(schedule({ bookable: false, releaseAt: '2026-03-02T07:30:00Z' }), NOW),
    ).toBe('unreleased');
  });

  it('says 约满 once the online slots are gone', () => {
    expect(scheduleState(schedule({ bookable: false, onlineAvailable: 0 }), NOW)).toBe('full');
  });

  it('says 已结束 for a released schedule with free slots that can no longer be booked', () => {
    expect(scheduleState(schedule({ bookable: false, onlineAvailable: 3 }), NOW)).toBe('ended');
  });
});

describe('the schedules of a day', () => {
  it('keeps only that date, morning before afternoon before evening, then by name', () => {
    const items = [
      schedule({ id: 'eve', period: 'evening' }),
      schedule({ id: 'other-day', date: '2026-03-04' }),
      schedule({ id: 'pm', period: 'afternoon' }),
      schedule({ id: 'am-wang', doctor: { id: 'd2', name: '王芳', title: '副主任医师' } }),
      schedule({ id: 'am-li', doctor: { id: 'd3', name: '李明', title: '主治医师' } }),
    ];
    expect(schedulesOn(items, '2026-03-03').map((s) => s.id)).toEqual([
      'am-li',
      'am-wang',
      'pm',
      'eve',
    ]);
  });
});

describe('the date the strip opens on', () => {
  const dates = ['2026-03-02', '2026-03-03', '2026-03-04'];

  it('is the date in the address when the strip has it', () => {
    expect(initialDate(dates, [schedule()], '2026-03-04')).toBe('2026-03-04');
  });

  it('is the first date with a bookable schedule otherwise', () => {
    const items = [
      schedule({ date: '2026-03-02', bookable: false, onlineAvailable: 0 }),
      schedule({ date: '2026-03-04' }),
    ];
    expect(initialDate(dates, items, '2025-01-01')).toBe('2026-03-04');
  });

  it('falls back to a date with any schedule, then to today', () => {
    expect(initialDate(dates, [schedule({ date: '2026-03-03', bookable: false })])).toBe(
      '2026-03-03',
    );
    expect(initialDate(dates, [])).toBe('2026-03-02');
  });
});
