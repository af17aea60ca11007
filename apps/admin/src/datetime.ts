/**
 * The hospital's time zone. The server schedules and stores in it (`HOSPITAL_TIME_ZONE`, default
 * Asia/Shanghai) but does not publish it, so the console states the same default: an engineer
 * reading a log from another zone must see the times the hospital sees.
 */
export const HOSPITAL_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `YYYY-MM-DD HH:mm:ss` in the given zone (the hospital's by default); bad input is returned as is. */
export function formatDateTime(iso: string, timeZone: string = HOSPITAL_TIME_ZONE): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Parts rather than a locale's pattern: no locale promises this exact shape.
  const part: Record<string, string> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(date)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** A short duration: `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Milliseconds between two timestamps, or null while the second is missing. */
export function elapsed(from: string, to: string | null): number | null {
  if (!to) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the given zone, the hospital's by default. */
export function localDateOf(instant: Date, timeZone: string = HOSPITAL_TIME_ZONE): string {
  return formatDateTime(instant.toISOString(), timeZone).slice(0, 10);
}

// Local dates are calendar arithmetic, done in UTC so that no zone's daylight saving shifts them.
function utcDay(localDate: string): Date {
  const [year = 0, month = 1, day = 1] = localDate.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** The local date `days` later (or earlier, when negative). */
export function addDays(localDate: string, days: number): string {
  const date = utcDay(localDate);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The weekday of a local date: 1 = Monday … 7 = Sunday, as the schedule templates count. */
export function weekdayOf(localDate: string): number {
  return utcDay(localDate).getUTCDay() || 7;
}
