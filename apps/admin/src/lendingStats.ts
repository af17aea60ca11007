import type { CategoryStats, LendingStatsQuery } from '@zhangyi/contracts';
import { defaultStatsPeriod } from './ticketStats';

/** What the lending statistics page asks for: local dates (both included) and a category. */
export interface LendingStatsFilters {
  from: string;
  to: string;
  categoryId: string;
  /** Target P(wait) in percent as typed; null: the setting's default. */
  waitTargetPct: number | null;
}

/**
 * The API query of the filters; an emptied date range falls back to the last 30 days (the
 * server needs both ends), empty choices are left out.
 */
export function lendingStatsQuery(filters: LendingStatsFilters, today: string): LendingStatsQuery {
  const period =
    filters.from && filters.to ? { from: filters.from, to: filters.to } : defaultStatsPeriod(today);
  const target = filters.waitTargetPct;
  return {
    ...period,
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    ...(target !== null && Number.isInteger(target) && target >= 1 && target <= 50
      ? { waitTargetPct: target }
      : {}),
  };
}

/** One bar of a chart. */
export interface ChartEntry {
  label: string;
  value: number | null;
}

/** Utilisation per category in percent (1 decimal), busiest first, categories without pool time last. */
export function utilisationEntries(categories: readonly CategoryStats[]): ChartEntry[] {
  return categories
    .map((category) => ({
      label: category.name,
      value: category.utilisation === null ? null : Math.round(category.utilisation * 1000) / 10,
    }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
}

/** Stock-out per category in hours (1 decimal), longest first, categories without any left out. */
export function stockOutEntries(categories: readonly CategoryStats[]): ChartEntry[] {
  return categories
    .filter((category) => category.stockOutMinutes > 0)
    .map((category) => ({
      label: category.name,
      value: Math.round((category.stockOutMinutes / 60) * 10) / 10,
    }))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
}

/** Devices to add (positive) or that could go (negative) to reach the recommendation; null without one. */
export function fleetGap(category: CategoryStats): number | null {
  const recommended = category.fleet.recommended;
  return recommended === null ? null : recommended - category.devices;
}
