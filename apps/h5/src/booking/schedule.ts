import type { Period, ScheduleSummary } from '@zhangyi/contracts';

/**
 * What a patient can do with a schedule: book it (可预约), nothing because it is full (约满),
 * stopped (停诊), not yet released (未放号, opens at `releaseAt`) or over for today (已结束).
 */
export type ScheduleState = 'bookable' | 'full' | 'stopped' | 'unreleased' | 'ended';

type StateFields = Pick<ScheduleSummary, 'status' | 'bookable' | 'releaseAt' | 'onlineAvailable'>;

/**
 * The state shown for a schedule. The server's `bookable` is the verdict (its clock decides when
 * the pool opens); the phone's clock only tells the reasons apart when it says no.
 */
export function scheduleState(schedule: StateFields, now: number): ScheduleState {
  if (schedule.status === 'stopped') return 'stopped';
  if (schedule.bookable) return 'bookable';
  if (Date.parse(schedule.releaseAt) > now) return 'unreleased';
  if (schedule.onlineAvailable <= 0) return 'full';
  return 'ended';
}

const PERIOD_ORDER: Record<Period, number> = { morning: 0, afternoon: 1, evening: 2 };

/** The schedules of one visit date, morning first, then by doctor's name. */
export function schedulesOn<T extends Pick<ScheduleSummary, 'date' | 'period' | 'doctor'>>(
  items: readonly T[],
  date: string,
): T[] {
  return items
    .filter((item) => item.date === date)
    .sort(
      (a, b) =>
        PERIOD_ORDER[a.period] - PERIOD_ORDER[b.period] ||
        a.doctor.name.localeCompare(b.doctor.name, 'zh-CN'),
    );
}

/**
 * The date to open on: the one asked for when it is in the strip, else the first date with
 * something bookable, else the first date with any schedule, else the first date.
 */
export function initialDate(
  dates: readonly string[],
  items: readonly Pick<ScheduleSummary, 'date' | 'bookable'>[],
  wanted?: string,
): string {
  if (wanted && dates.includes(wanted)) return wanted;
  const withBookable = dates.find((date) => items.some((i) => i.date === date && i.bookable));
  const withAny = dates.find((date) => items.some((i) => i.date === date));
  return withBookable ?? withAny ?? dates[0] ?? '';
}
