import {
  periods,
  type AdminSchedule,
  type Period,
  type ScheduleTemplate,
  type StopProgress,
} from '@zhangyi/contracts';

/** The bounds SaveBookingSettingsBody puts on each rule, for the inputs (a test keeps them equal). */
export const SETTINGS_LIMITS = {
  bookingDays: { min: 1, max: 30 },
  holdMinutes: { min: 1, max: 60 },
  cancelCutoffHours: { min: 0, max: 72 },
  maxPerPatientPerDay: { min: 1, max: 20 },
  maxPerPatientPerWeek: { min: 1, max: 50 },
  defaultOnlineRatioPercent: { min: 0, max: 100 },
  noShowLimit: { min: 1, max: 20 },
  noShowWindowDays: { min: 1, max: 365 },
  noShowBanDays: { min: 0, max: 365 },
} as const;

/** The bounds of a weekly template's fee and slot count (CreateScheduleTemplateBody). */
export const TEMPLATE_LIMITS = {
  feeFen: { min: 0, max: 1_000_000 },
  slotCount: { min: 1, max: 200 },
} as const;

/** The length of a clinic stop's reason, as the stop route bounds it. */
export const STOP_REASON = { min: 2, max: 80 } as const;

/** Monday … Sunday as the templates number them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** One cell of the week grid: a weekday in a period, with its clinics in time order. */
export interface WeekCell {
  weekday: number;
  templates: ScheduleTemplate[];
}

/** One period (上午/下午/晚上) across the seven weekdays. */
export interface WeekRow {
  period: Period;
  cells: WeekCell[];
}

const byTimeThenName = (a: ScheduleTemplate, b: ScheduleTemplate): number =>
  a.startTime.localeCompare(b.startTime) ||
  a.departmentName.localeCompare(b.departmentName, 'zh-CN') ||
  a.doctorName.localeCompare(b.doctorName, 'zh-CN');

/**
 * Lays the weekly templates out as periods × weekdays. Morning and afternoon are always rows,
 * so that an empty week still reads as a timetable; evening only when some clinic is held then.
 */
export function buildWeekGrid(templates: readonly ScheduleTemplate[]): WeekRow[] {
  const shown = periods.filter(
    (period) => period !== 'evening' || templates.some((t) => t.period === 'evening'),
  );
  return shown.map((period) => ({
    period,
    cells: WEEKDAYS.map((weekday) => ({
      weekday,
      templates: templates
        .filter((t) => t.period === period && t.weekday === weekday)
        .sort(byTimeThenName),
    })),
  }));
}

/** Usual clinic hours of a period, offered when a template is added. */
export function defaultTimes(period: Period): { startTime: string; endTime: string } {
  if (period === 'morning') return { startTime: '08:00', endTime: '12:00' };
  if (period === 'afternoon') return { startTime: '14:00', endTime: '17:30' };
  return { startTime: '18:00', endTime: '21:00' };
}

/** Whether `HH:mm` end comes after start, as the server requires (TEMPLATE_TIME_INVALID). */
export function endsAfterStart(startTime: string, endTime: string): boolean {
  return startTime !== '' && endTime !== '' && endTime > startTime;
}

/**
 * How far a clinic stop has got, 0–100: refunds that ended (succeeded or failed) and notices that
 * left the outbox (sent or failed) out of all of them. Only the server's `done` makes it 100.
 */
export function stopProgressPercent(progress: StopProgress): number {
  if (progress.done) return 100;
  const { refunds, notices } = progress;
  const ended = refunds.succeeded + refunds.failed + notices.sent + notices.failed;
  const total = ended + refunds.pending + notices.queued;
  return total === 0 ? 0 : Math.min(99, Math.floor((ended * 100) / total));
}

/** A stopped clinic whose refunds or notices are still under way is worth asking about again. */
export function stopInProgress(schedule: AdminSchedule): boolean {
  return schedule.status === 'stopped' && schedule.stopProgress?.done === false;
}
