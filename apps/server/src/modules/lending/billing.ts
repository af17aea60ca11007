import type { BillingUnit } from '@zhangyi/contracts';

/** A category's price as it stood when a device was handed over. */
export interface Rate {
  unit: BillingUnit;
  rateFen: number;
  minimumFen: number;
}

const UNIT_MINUTES: Record<BillingUnit, number> = { hour: 60, day: 1440 };

/** Whole minutes between two instants; seconds are dropped (a scan 30 s late costs nothing). */
export function wholeMinutes(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}

/** Units billed for a duration: every started hour (or 24 hours) counts. */
export function billedUnits(minutes: number, unit: BillingUnit): number {
  return Math.ceil(minutes / UNIT_MINUTES[unit]);
}

/** The charge for a duration: started units × rate, never less than the minimum charge. */
export function chargeFen(minutes: number, rate: Rate): number {
  return Math.max(rate.minimumFen, billedUnits(minutes, rate.unit) * rate.rateFen);
}

/**
 * The part of one device's loan a month (start ≤ t < end) bills: the charge accumulated at the
 * month's end (or the return, or now while still out) less the charge accumulated at its start.
 * The months of a loan therefore add up to exactly its charge, minimum included, whatever the
 * rounding. Undefined when the loan does not touch the month.
 */
export function monthShare(
  item: { handedOverAt: Date; returnedAt: Date | null },
  rate: Rate,
  month: { start: Date; end: Date },
  now: Date,
): { minutes: number; chargeFen: number } | undefined {
  const h = item.handedOverAt;
  const stop = item.returnedAt ?? now;
  if (h >= month.end) return undefined;
  const upTo = stop < month.end ? stop : month.end;
  if (h >= month.start)
    return { minutes: wholeMinutes(h, upTo), chargeFen: chargeFen(wholeMinutes(h, upTo), rate) };
  // Handed over in an earlier month: this month bills only if the device was still out in it.
  if (stop <= month.start) return undefined;
  const before = chargeFen(wholeMinutes(h, month.start), rate);
  const after = chargeFen(wholeMinutes(h, upTo), rate);
  return { minutes: wholeMinutes(month.start, upTo), chargeFen: after - before };
}
