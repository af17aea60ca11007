import type { RateRow, StatsQuery, TicketStats } from '@zhangyi/contracts';
import { addDays } from './datetime';

/** What the statistics page asks for: local dates (both included) and an optional department. */
export interface TicketStatsFilters {
  from: string;
  to: string;
  departmentId: string;
  categoryId: string;
}

/** The period the page opens on: the last 30 local days, today included. */
export function defaultStatsPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -29), to: today };
}

/** The API query of the filters; empty choices are left out. */
export function ticketStatsQuery(filters: TicketStatsFilters): StatsQuery {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
  };
}

/** Minutes as the stat cards show them: one decimal at most, '—' without data. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  return String(Math.round(minutes * 10) / 10);
}

/** A 0–1 rate as a percentage with one decimal (`0.925` → `92.5%`); '—' without data. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** A plain figure with at most `digits` decimals, '—' when missing. */
export function formatFigure(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const factor = 10 ** digits;
  return String(Math.round(value * factor) / factor);
}

export interface ParetoSeries {
  names: string[];
  counts: number[];
  /** Cumulative share of all failures up to and including each fault type, percent, 1 decimal. */
  cumulative: number[];
}

/**
 * The Pareto chart's series: fault types by count, most frequent first (ties keep their order),
 * with the running share of the total. The last point is exactly 100 whatever the rounding.
 */
export function paretoSeries(rows: readonly { name: string; count: number }[]): ParetoSeries {
  const sorted = rows
    .map((row, index) => ({ ...row, index }))
    .sort((a, b) => b.count - a.count || a.index - b.index);
  const total = sorted.reduce((sum, row) => sum + row.count, 0);
  let running = 0;
  const cumulative = sorted.map((row, index) => {
    running += row.count;
    if (total === 0) return 0;
    if (index === sorted.length - 1) return 100;
    return Math.round((running / total) * 1000) / 10;
  });
  return {
    names: sorted.map((row) => row.name),
    counts: sorted.map((row) => row.count),
    cumulative,
  };
}

/** Which breakdown of the failure rate the chart shows. */
export type RateDimension = 'model' | 'category' | 'department';

/** The rows of a breakdown, highest rate first, rows without exposure last; at most `limit`. */
export function topRates(stats: TicketStats, dimension: RateDimension, limit = 10): RateRow[] {
  const rows =
    dimension === 'model'
      ? stats.byModel
      : dimension === 'category'
        ? stats.byCategory
        : stats.byDepartment;
  return [...rows]
    .sort(
      (a, b) =>
        (b.per100DeviceMonths ?? -1) - (a.per100DeviceMonths ?? -1) || b.failures - a.failures,
    )
    .slice(0, limit);
}
