/**
 * Dates and times as the hospital keeps them: visit dates are local dates of its time zone, and
 * instants are shown on its clock, whatever zone the phone is set to (a relative abroad booking
 * for a parent must see the clinic's hours).
 */

/** The hospital's time zone. */
export const HOSPITAL_TIME_ZONE = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: HOSPITAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: HOSPITAL_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** `YYYY-MM-DD` of an instant on the hospital's calendar. */
export function hospitalDate(at: Date | string | number): string {
  const parts = dateFormat.formatToParts(new Date(at));
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`;
}

/** `HH:mm` of an instant on the hospital's clock. */
export function hospitalTime(at: Date | string | number): string {
  const parts = timeFormat.formatToParts(new Date(at));
  return `${part(parts, 'hour')}:${part(parts, 'minute')}`;
}

/** `YYYY-MM-DD HH:mm` of an instant on the hospital's clock. */
export function hospitalDateTime(at: Date | string | number): string {
  return `${hospitalDate(at)} ${hospitalTime(at)}`;
}

/** `08:00–08:30` for a slot. */
export function timeRange(start: string, end: string): string {
  return `${hospitalTime(start)}–${hospitalTime(end)}`;
}

function parseDate(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

function formatUtcDate(value: Date): string {
  const month = String(value.getUTCMonth() + 1).padStart(2, '0');
  const day = String(value.getUTCDate()).padStart(2, '0');
  return `${value.getUTCFullYear()}-${month}-${day}`;
}

/** A calendar date `days` later (or earlier); calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  return formatUtcDate(new Date(Date.UTC(year, month - 1, day + days)));
}

/** ISO weekday of a calendar date: 1 for Monday … 7 for Sunday. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const [year, month, day] = parseDate(date);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** One day of the date strip above the schedules. */
export interface StripDay {
  /** `YYYY-MM-DD`. */
  date: string;
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  month: number;
  day: number;
  isToday: boolean;
}

/** `count` consecutive days from `today` (the hospital's), for the date strip. */
export function buildDateStrip(today: string, count: number): StripDay[] {
  return Array.from({ length: Math.max(1, count) }, (_, offset) => {
    const date = addDays(today, offset);
    const [, month, day] = parseDate(date);
    return { date, weekday: isoWeekday(date), month, day, isToday: offset === 0 };
  });
}

/**
 * When online cancellation closes for a visit date, on the hospital's clock: `cutoffHours` before
 * 0:00 of the visit day (`YYYY-MM-DD HH:mm`). Wall-clock arithmetic is exact because the
 * hospital's zone has no daylight saving time.
 */
export function cancelDeadline(visitDate: string, cutoffHours: number): string {
  const [year, month, day] = parseDate(visitDate);
  const at = new Date(Date.UTC(year, month - 1, day) - cutoffHours * 3_600_000);
  const hours = String(at.getUTCHours()).padStart(2, '0');
  const minutes = String(at.getUTCMinutes()).padStart(2, '0');
  return `${formatUtcDate(at)} ${hours}:${minutes}`;
}
