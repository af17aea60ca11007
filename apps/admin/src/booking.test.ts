import { describe, expect, it } from 'vitest';
import {
  CreateScheduleTemplateBody,
  SaveBookingSettingsBody,
  bookingAdminRoutes,
  type AdminSchedule,
  type ScheduleTemplate,
  type StopProgress,
} from '@zhangyi/contracts';
import {
  SETTINGS_LIMITS,
  STOP_REASON,
  TEMPLATE_LIMITS,
  buildWeekGrid,
  defaultTimes,
  endsAfterStart,
  stopInProgress,
  stopProgressPercent,
} from './booking';

const template = (overrides: Partial<ScheduleTemplate>): ScheduleTemplate => ({
  id: 'tpl',
  doctorId: 'doc',
  doctorName: '张三',
  departmentId: 'dept',
  departmentName: '心内科',
  weekday: 1,
  period: 'morning',
  clinicType: 'general',
  feeFen: 1000,
  slotCount: 30,
  startTime: '08:00',
  endTime: '12:00',
  onlineRatioPercent: null,
  active: true,
  ...overrides,
});

const progress = (overrides: Partial<StopProgress> = {}): StopProgress => ({
  cancelled: 0,
  refunds: { pending: 0, succeeded: 0, failed: 0 },
  notices: { queued: 0, sent: 0, failed: 0 },
  done: false,
  ...overrides,
});

describe('buildWeekGrid', () => {
  it('puts each template in the cell of its period and weekday, earliest first', () => {
    const grid = buildWeekGrid([
      template({ id: 'wed-late', weekday: 3, startTime: '09:30' }),
      template({ id: 'mon-pm', weekday: 1, period: 'afternoon', startTime: '14:00' }),
      template({ id: 'wed-early', weekday: 3, startTime: '08:00' }),
    ]);
    expect(grid.map((row) => row.period)).toEqual(['morning', 'afternoon']);
    const ids = (period: number, weekday: number) =>
      grid[period]?.cells.find((c) => c.weekday === weekday)?.templates.map((t) => t.id);
    expect(ids(0, 3)).toEqual(['wed-early', 'wed-late']);
    expect(ids(1, 1)).toEqual(['mon-pm']);
    expect(ids(0, 1)).toEqual([]);
  });

  it('always has seven weekdays from Monday to Sunday, even for an empty week', () => {
    const grid = buildWeekGrid([]);
    expect(grid).toHaveLength(2);
    for (const row of grid) expect(row.cells.map((c) => c.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('adds the evening row only when a clinic is held in the evening', () => {
    const grid = buildWeekGrid([template({ weekday: 7, period: 'evening', startTime: '18:30' })]);
    expect(grid.map((row) => row.period)).toEqual(['morning', 'afternoon', 'evening']);
    expect(grid[2]?.cells[6]?.templates).toHaveLength(1);
  });

  it('orders clinics starting together by department, then doctor', () => {
    const grid = buildWeekGrid([
      template({ id: 'b', departmentName: '骨科', doctorName: '李四' }),
      template({ id: 'a2', departmentName: '儿科', doctorName: '王五' }),
      template({ id: 'a1', departmentName: '儿科', doctorName: '赵六' }),
    ]);
    expect(grid[0]?.cells[0]?.templates.map((t) => t.id)).toEqual(['a2', 'a1', 'b']);
  });
});

describe('defaultTimes and endsAfterStart', () => {
  it('offers hours that end after they start for every period', () => {
    for (const period of ['morning', 'afternoon', 'evening'] as const) {
      const { startTime, endTime } = defaultTimes(period);
      expect(endsAfterStart(startTime, endTime), period).toBe(true);
    }
  });

  it('refuses an end at or before the start, and missing times', () => {
    expect(endsAfterStart('08:00', '08:00')).toBe(false);
    expect(endsAfterStart('14:00', '09:00')).toBe(false);
    expect(endsAfterStart('', '12:00')).toBe(false);
    expect(endsAfterStart('09:05', '10:00')).toBe(true);
  });
});

describe('stopProgressPercent', () => {
  it('counts ended refunds and notices out of all of them', () => {
    const half = progress({
      cancelled: 2,
      refunds: { pending: 1, succeeded: 1, failed: 0 },
      notices: { queued: 1, sent: 1, failed: 0 },
    });
    expect(stopProgressPercent(half)).toBe(50);
  });

  it('counts failures as ended: nothing more will happen to them', () => {
    const failed = progress({
      refunds: { pending: 0, succeeded: 0, failed: 3 },
      notices: { queued: 1, sent: 0, failed: 0 },
    });
    expect(stopProgressPercent(failed)).toBe(75);
  });

  it('stays below 100 until the server says done', () => {
    // Everything counted has ended, but the server has not confirmed the outbox is empty yet.
    const allEnded = progress({ notices: { queued: 0, sent: 4, failed: 0 } });
    expect(stopProgressPercent(allEnded)).toBe(99);
    expect(stopProgressPercent({ ...allEnded, done: true })).toBe(100);
  });

  it('waits at 0 for a stop with no one to refund or notify, complete once done', () => {
    expect(stopProgressPercent(progress())).toBe(0);
    expect(stopProgressPercent(progress({ done: true }))).toBe(100);
  });
});

describe('stopInProgress', () => {
  const schedule = (overrides: Partial<AdminSchedule>): AdminSchedule => ({
    id: 's',
    doctorId: 'doc',
    doctorName: '张三',
    departmentId: 'dept',
    departmentName: '心内科',
    date: '2026-06-01',
    period: 'morning',
    clinicType: 'general',
    feeFen: 1000,
    status: 'open',
    onlineRatioPercent: 60,
    releaseAt: '2026-05-25T07:00:00Z',
    slotCount: 30,
    onlineCount: 18,
    held: 0,
    booked: 0,
    onlineAvailable: 18,
    stopReason: null,
    stoppedAt: null,
    stopProgress: null,
    ...overrides,
  });

  it('follows a stopped clinic until its progress is done', () => {
    expect(stopInProgress(schedule({ status: 'stopped', stopProgress: progress() }))).toBe(true);
    expect(
      stopInProgress(schedule({ status: 'stopped', stopProgress: progress({ done: true }) })),
    ).toBe(false);
  });

  it('leaves open clinics and stops without progress alone', () => {
    expect(stopInProgress(schedule({}))).toBe(false);
    expect(stopInProgress(schedule({ status: 'stopped' }))).toBe(false);
  });
});

// The console keeps its own copy of the bounds so that the bundle need not carry TypeBox; these
// tests fail when the contracts change them and the inputs would start refusing what is allowed.
describe('the bounds the inputs use', () => {
  const bounds = (schema: unknown) => {
    const { minimum, maximum, minLength, maxLength } = schema as Record<string, number>;
    return { min: minimum ?? minLength, max: maximum ?? maxLength };
  };

  it('are those of SaveBookingSettingsBody', () => {
    for (const [field, limit] of Object.entries(SETTINGS_LIMITS)) {
      const schema = (SaveBookingSettingsBody.properties as Record<string, unknown>)[field];
      expect(bounds(schema), field).toEqual(limit);
    }
  });

  it('are those of a template and of a stop reason', () => {
    const fields = CreateScheduleTemplateBody.properties;
    expect(bounds(fields.feeFen)).toEqual(TEMPLATE_LIMITS.feeFen);
    expect(bounds(fields.slotCount)).toEqual(TEMPLATE_LIMITS.slotCount);
    expect(bounds(bookingAdminRoutes.stop.body?.properties.reason)).toEqual(STOP_REASON);
  });
});
