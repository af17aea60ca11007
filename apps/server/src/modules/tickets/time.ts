import { localDate } from '../../lib/time';

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(instant: Date, timeZone: string): Record<string, number> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(instant))
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** Milliseconds the time zone is ahead of UTC at an instant. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a local date (`YYYY-MM-DD`) begins in the hospital's time zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetAt(new Date(guess), timeZone);
  // Once more, in case the offset differs at the local midnight (a DST change that day).
  return new Date(guess - offsetAt(new Date(first), timeZone));
}

/** `2026-11-25 10:05` in the hospital's time zone, for notices and exports. */
export function localDateTime(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDate(instant, timeZone)} ${pad(p.hour!)}:${pad(p.minute!)}`;
}

/** Whole and fractional minutes between two instants, to one decimal. */
export function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 6_000) / 10;
}
