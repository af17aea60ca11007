/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) evaluated in the
 * hospital's time zone, so "0 19 * * *" means 19:00 in Shanghai whatever the server's zone.
 * Supports `*`, lists, ranges and steps; day-of-week 0 or 7 is Sunday. When both day fields are
 * restricted, either may match (classic cron).
 */
export interface CronSchedule {
  expression: string;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

const FIELDS: [string, number, number][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12],
  ['day of week', 0, 7],
];

function parseField(text: string, [name, min, max]: [string, number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`invalid ${name} "${part}"`);
    const step = match[4] ? Number(match[4]) : 1;
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] ? Number(match[3]) : match[4] ? max : from;
    if (from < min || to > max || from > to || step < 1)
      throw new Error(`${name} "${part}" is out of range ${min}-${max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a cron expression; throws with the faulty field named. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}" needs 5 fields`);
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  if (weekdays!.delete(7)) weekdays!.add(0);
  return {
    expression,
    minutes: minutes!,
    hours: hours!,
    days: days!,
    months: months!,
    weekdays: weekdays!,
    dayRestricted: parts[2] !== '*',
    weekdayRestricted: parts[4] !== '*',
  };
}

interface LocalTime {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localTime(date: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return {
    minute: Number(parts.minute),
    hour: Number(parts.hour),
    day: Number(parts.day),
    month: Number(parts.month),
    weekday: WEEKDAYS.indexOf(parts.weekday!),
  };
}

function dayMatches(schedule: CronSchedule, t: LocalTime): boolean {
  const byDay = schedule.days.has(t.day);
  const byWeekday = schedule.weekdays.has(t.weekday);
  if (schedule.dayRestricted && schedule.weekdayRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

const MINUTE = 60_000;

/**
 * The first scheduled minute at or after `from`, searching at most `horizonMs` ahead; whole
 * days and hours that cannot match are skipped, so a search over a year stays cheap.
 */
export function nextTick(
  schedule: CronSchedule,
  timeZone: string,
  from: Date,
  horizonMs = 366 * 24 * 60 * MINUTE,
): Date | null {
  let time = Math.ceil(from.getTime() / MINUTE) * MINUTE;
  const end = from.getTime() + horizonMs;
  while (time <= end) {
    const t = localTime(new Date(time), timeZone);
    if (!schedule.months.has(t.month) || !dayMatches(schedule, t)) {
      time += ((23 - t.hour) * 60 + (60 - t.minute)) * MINUTE;
    } else if (!schedule.hours.has(t.hour)) {
      time += (60 - t.minute) * MINUTE;
    } else if (!schedule.minutes.has(t.minute)) {
      time += MINUTE;
    } else {
      return new Date(time);
    }
  }
  return null;
}

/** Every scheduled minute in (after, upTo], oldest first. */
export function ticksBetween(
  schedule: CronSchedule,
  timeZone: string,
  after: Date,
  upTo: Date,
): Date[] {
  const ticks: Date[] = [];
  let cursor = new Date(after.getTime() + 1);
  for (;;) {
    const tick = nextTick(schedule, timeZone, cursor, upTo.getTime() - cursor.getTime());
    if (!tick || tick > upTo) return ticks;
    ticks.push(tick);
    cursor = new Date(tick.getTime() + 1);
  }
}
