import type { StatementQuery } from './api/lending';

/** The month (`YYYY-MM`) of a local date. */
export function monthOf(localDate: string): string {
  return localDate.slice(0, 7);
}

/** The statement query of the page's filters; no department means every department. */
export function statementQuery(month: string, departmentId: string): StatementQuery {
  return departmentId ? { month, departmentId } : { month };
}

/** Whole minutes as hours and minutes, for `12 小时 05 分`. */
export function splitMinutes(total: number): { hours: number; minutes: string } {
  const safe = Math.max(0, Math.floor(total));
  return { hours: Math.floor(safe / 60), minutes: String(safe % 60).padStart(2, '0') };
}

/** Rate in fen per unit as yuan per unit, e.g. 1500 per hour → `15.00`. */
export function rateYuan(rateFen: number): string {
  return (rateFen / 100).toFixed(2);
}
