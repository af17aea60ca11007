import { and, eq, gte, inArray, isNull, lt, or, gt, type SQL } from 'drizzle-orm';
import type { LendingStats, LendingStatsQuery } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { departments } from '../directory/schema';
import { categoryTree } from '../equipment/categories';
import { equipmentDevices } from '../equipment/schema';
import { distribution, statsPeriod } from '../tickets/stats';
import { monthShare } from './billing';
import { erlangC, recommendedFleet } from './erlang';
import { lendingDevices, lendingLoanDevices, lendingLoans } from './schema';
import { lendingSettingsOf } from './settings';
import { rateOf } from './views';

const MINUTE = 60_000;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number, digits = 3) => (b > 0 ? round(a / b, digits) : null);

/** Whole minutes of [from, to) inside [start, end). */
function overlap(from: Date, to: Date, start: Date, end: Date): number {
  const lo = Math.max(from.getTime(), start.getTime());
  const hi = Math.min(to.getTime(), end.getTime());
  return hi > lo ? Math.floor((hi - lo) / MINUTE) : 0;
}

/** Minutes covered by a union of intervals. */
function unionMinutes(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const [a, b] of sorted) {
    if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [a, b];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return Math.floor(total / MINUTE);
}

/**
 * The centre's statistics over a period of local dates, all computed from loans, their devices'
 * handover and return times and the pool facts — never from stored counters.
 */
export async function lendingStats(deps: Deps, query: LendingStatsQuery): Promise<LendingStats> {
  const { start, end: periodEnd } = statsPeriod(query, deps.config.timeZone);
  const now = deps.clock.now();
  // Time not yet lived is not counted as available or idle.
  const end = periodEnd < now ? periodEnd : now > start ? now : start;
  const tree = await categoryTree(deps.db);
  const target =
    (query.waitTargetPct ?? (await lendingSettingsOf(deps.db)).fleetWaitTargetPct) / 100;
  const scope = query.categoryId ? tree.descendants(query.categoryId) : undefined;

  const loanWhere: SQL[] = [
    gte(lendingLoans.createdAt, start),
    lt(lendingLoans.createdAt, periodEnd),
  ];
  if (scope) loanWhere.push(inArray(lendingLoans.categoryId, scope));
  const loans = await deps.db
    .select()
    .from(lendingLoans)
    .where(and(...loanWhere));

  const itemWhere: SQL[] = [
    lt(lendingLoanDevices.handedOverAt, periodEnd),
    or(
      isNull(lendingLoanDevices.returnedAt),
      gt(lendingLoanDevices.returnedAt, start),
      gte(lendingLoanDevices.handedOverAt, start),
    )!,
  ];
  if (scope) itemWhere.push(inArray(lendingLoans.categoryId, scope));
  const items = await deps.db
    .select({
      item: lendingLoanDevices,
      departmentId: lendingLoans.departmentId,
      categoryId: lendingLoans.categoryId,
    })
    .from(lendingLoanDevices)
    .innerJoin(lendingLoans, eq(lendingLoans.id, lendingLoanDevices.loanId))
    .where(and(...itemWhere));
  // First handover of every loan of the period (for stock-out intervals).
  const firstHandover = new Map<string, number>();
  if (loans.length)
    for (const r of await deps.db
      .select({ loanId: lendingLoanDevices.loanId, at: lendingLoanDevices.handedOverAt })
      .from(lendingLoanDevices)
      .where(
        inArray(
          lendingLoanDevices.loanId,
          loans.map((l) => l.id),
        ),
      ))
      firstHandover.set(
        r.loanId,
        Math.min(firstHandover.get(r.loanId) ?? Infinity, r.at.getTime()),
      );

  const poolWhere: SQL[] = [];
  if (scope) poolWhere.push(inArray(equipmentDevices.categoryId, scope));
  const pool = await deps.db
    .select({ facts: lendingDevices, device: equipmentDevices })
    .from(lendingDevices)
    .innerJoin(equipmentDevices, eq(equipmentDevices.id, lendingDevices.deviceId))
    .where(and(...poolWhere));
  const deptNames = new Map(
    (await deps.db.select({ id: departments.id, name: departments.name }).from(departments)).map(
      (d) => [d.id, d.name],
    ),
  );

  const share = (i: (typeof items)[number]['item']) =>
    monthShare(i, rateOf(i), { start, end: periodEnd }, now)?.chargeFen ?? 0;
  const itemMinutes = (i: (typeof items)[number]['item']) =>
    overlap(i.handedOverAt, i.returnedAt ?? now, start, end);

  const devices = pool.map(({ facts, device }) => {
    const mine = items.filter((r) => r.item.deviceId === device.id);
    const loanMinutes = mine.reduce((s, r) => s + itemMinutes(r.item), 0);
    const poolMinutes = overlap(facts.joinedAt, device.retiredAt ?? now, start, end);
    const revenueFen = mine.reduce((s, r) => s + share(r.item), 0);
    return {
      deviceId: device.id,
      assetNo: device.assetNo,
      name: device.name,
      categoryId: device.categoryId,
      categoryName: tree.byId.get(device.categoryId)?.name ?? '',
      loanMinutes,
      poolMinutes,
      utilisation: ratio(loanMinutes, poolMinutes),
      loans: mine.length,
      revenueFen,
      purchasePriceFen: device.purchasePriceFen,
      revenueToCost: device.purchasePriceFen ? ratio(revenueFen, device.purchasePriceFen) : null,
    };
  });

  const periodHours = Math.max(1, (periodEnd.getTime() - start.getTime()) / 3_600_000);
  const stockOut = (list: typeof loans) =>
    unionMinutes(
      list
        .filter((l) => l.availableAtRequest === 0)
        .map((l) => {
          const stop =
            firstHandover.get(l.id) ??
            (l.status === 'rejected' || l.status === 'cancelled'
              ? l.updatedAt.getTime()
              : now.getTime());
          return [Math.max(l.createdAt.getTime(), start.getTime()), Math.min(stop, end.getTime())];
        }),
    );
  const latency = (list: typeof loans) =>
    distribution(
      list
        .filter((l) => !l.emergency && l.decidedAt && l.status !== 'rejected')
        .map((l) => (l.decidedAt!.getTime() - l.createdAt.getTime()) / MINUTE),
    );
  const decided = (list: typeof loans) => ({
    approved: list.filter((l) => l.decidedAt && l.status !== 'rejected').length,
    rejected: list.filter((l) => l.status === 'rejected').length,
  });

  const categoryIds = [
    ...new Set([...pool.map((p) => p.device.categoryId), ...loans.map((l) => l.categoryId)]),
  ];
  const categories = categoryIds.map((categoryId) => {
    const mineDevices = devices.filter((d) => d.categoryId === categoryId);
    const mineLoans = loans.filter((l) => l.categoryId === categoryId);
    const { approved, rejected } = decided(mineLoans);
    const returned = items.filter((r) => r.categoryId === categoryId && r.item.returnedAt);
    const meanLoanHours = returned.length
      ? returned.reduce(
          (s, r) => s + (r.item.returnedAt!.getTime() - r.item.handedOverAt.getTime()),
          0,
        ) /
        returned.length /
        3_600_000
      : mineLoans.length
        ? mineLoans.reduce((s, l) => s + l.expectedHours, 0) / mineLoans.length
        : null;
    const arrivals =
      mineLoans.filter((l) => l.status !== 'cancelled').reduce((s, l) => s + l.quantity, 0) /
      periodHours;
    const load = meanLoanHours === null ? null : arrivals * meanLoanHours;
    const loanMinutes = mineDevices.reduce((s, d) => s + d.loanMinutes, 0);
    const poolMinutes = mineDevices.reduce((s, d) => s + d.poolMinutes, 0);
    return {
      categoryId,
      name: tree.byId.get(categoryId)?.name ?? '',
      devices: mineDevices.length,
      loanMinutes,
      poolMinutes,
      utilisation: ratio(loanMinutes, poolMinutes),
      requests: mineLoans.length,
      rejected,
      denialRate: ratio(rejected, approved + rejected),
      stockOutMinutes: stockOut(mineLoans),
      approvalLatency: latency(mineLoans),
      emergencies: mineLoans.filter((l) => l.emergency).length,
      revenueFen: mineDevices.reduce((s, d) => s + d.revenueFen, 0),
      fleet: {
        arrivalsPerHour: round(arrivals, 4),
        meanLoanHours: meanLoanHours === null ? null : round(meanLoanHours, 2),
        offeredLoad: load === null ? null : round(load, 3),
        waitProbability: load === null ? null : round(erlangC(mineDevices.length, load), 4),
        recommended: load === null ? null : recommendedFleet(load, target),
        targetPct: Math.round(target * 100),
      },
    };
  });

  const deptIds = [...new Set(items.map((r) => r.departmentId))];
  const departmentRows = deptIds.map((departmentId) => {
    const mine = items.filter((r) => r.departmentId === departmentId);
    const minutes = mine.reduce((s, r) => s + itemMinutes(r.item), 0);
    const damaged = mine.filter(
      (r) =>
        r.item.returnCondition === 'damaged' &&
        r.item.returnedAt! >= start &&
        r.item.returnedAt! < periodEnd,
    ).length;
    return {
      departmentId,
      departmentName: deptNames.get(departmentId) ?? '',
      loans: new Set(mine.map((r) => r.item.loanId)).size,
      loanHours: round(minutes / 60, 2),
      damagedReturns: damaged,
      damagePer1000Hours: minutes > 0 ? round((damaged / (minutes / 60)) * 1000, 2) : null,
      chargeFen: mine.reduce((s, r) => s + share(r.item), 0),
    };
  });

  const all = decided(loans);
  const loanMinutes = devices.reduce((s, d) => s + d.loanMinutes, 0);
  const poolMinutes = devices.reduce((s, d) => s + d.poolMinutes, 0);
  return {
    from: start.toISOString(),
    to: periodEnd.toISOString(),
    totals: {
      requests: loans.length,
      approved: all.approved,
      rejected: all.rejected,
      cancelled: loans.filter((l) => l.status === 'cancelled').length,
      emergencies: loans.filter((l) => l.emergency).length,
      denialRate: ratio(all.rejected, all.approved + all.rejected),
      approvalLatency: latency(loans),
      stockOutMinutes: categories.reduce((s, c) => s + c.stockOutMinutes, 0),
      revenueFen: items.reduce((s, r) => s + share(r.item), 0),
      utilisation: ratio(loanMinutes, poolMinutes),
    },
    categories: categories.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    devices: devices.map(({ categoryId: _c, ...d }) => d),
    departments: departmentRows.sort((a, b) => b.loanHours - a.loanHours),
  };
}
