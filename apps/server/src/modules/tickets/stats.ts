import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type {
  Distribution,
  ProcurementRow,
  RateRow,
  StatsQuery,
  TicketStats,
  TicketStatus,
} from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { DomainError } from '../../http/errors';
import { localDate } from '../../lib/time';
import { departments } from '../directory/schema';
import { categoryTree } from '../equipment/categories';
import { equipmentDevices } from '../equipment/schema';
import { ticketFaultTypes, ticketGroups, ticketParts, tickets } from './schema';
import { startOfLocalDay } from './time';
import { faultName, ticketTimes } from './views';

/**
 * Statistics for decisions, computed from tickets and their events (never from stored counters):
 *
 * - MTTA: minutes from submission to the first acceptance (grab or assignment).
 * - MTTR (time to restore): minutes from submission to the last resolution; repair time: from
 *   acceptance to the last resolution. Medians and P90 by linear interpolation.
 * - Failures: tickets neither rejected nor merged. Rates are per 100 device-months of exposure: a
 *   device counts from the later of the period start and its in-service date to the earlier of
 *   the period end and its retirement (a device-month is 1/12 of 365.25 days); MTBF is device
 *   hours ÷ failures. Failures count where they were reported (the ticket's department and
 *   category); exposure counts where devices are now.
 * - Repeat failure: a failure of a device that had another failure in the 30 days before it.
 * - SLA: met when accepted/resolved by the deadline fixed at submission; breached when later, or
 *   still open past it; open tickets within their deadline are not counted yet.
 */

export const MINUTES_PER_DEVICE_MONTH = (365.25 / 12) * 24 * 60;
const REPEAT_WINDOW_MS = 30 * 86_400_000;
const MAX_DAYS = 731;

export interface StatTicket {
  id: string;
  no: string;
  createdAt: Date;
  status: TicketStatus;
  departmentId: string;
  categoryId: string | null;
  deviceId: string | null;
  faultTypeId: string | null;
  faultName: string | null;
  groupId: string | null;
  acceptDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  partsCostFen: number;
}

export interface StatDevice {
  id: string;
  brand: string | null;
  model: string | null;
  categoryId: string;
  departmentId: string | null;
  inServiceFrom: Date;
  retiredAt: Date | null;
  purchasePriceFen: number | null;
}

export interface StatsInput {
  from: string;
  to: string;
  start: Date;
  end: Date;
  now: Date;
  timeZone: string;
  /** Tickets of the period and of the 30 days before it (for repeats). */
  tickets: StatTicket[];
  devices: StatDevice[];
  names: {
    category: Map<string, string>;
    department: Map<string, string>;
    group: Map<string, string>;
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The p-quantile of values, interpolating linearly between ranks (PostgreSQL percentile_cont). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Count, median and P90 of minutes, to one decimal. */
export function distribution(values: number[]): Distribution {
  const median = percentile(values, 0.5);
  const p90 = percentile(values, 0.9);
  return {
    count: values.length,
    median: median === null ? null : round1(median),
    p90: p90 === null ? null : round1(p90),
  };
}

const minutes = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
const isFailure = (t: StatTicket) => t.status !== 'rejected' && t.status !== 'merged';
const restored = (t: StatTicket) =>
  t.resolvedAt !== null && (t.status === 'resolved' || t.status === 'closed');

/** Minutes a device was in service within the period. */
export function exposureMinutes(device: StatDevice, start: Date, end: Date): number {
  const from = Math.max(start.getTime(), device.inServiceFrom.getTime());
  const to = Math.min(end.getTime(), device.retiredAt?.getTime() ?? end.getTime());
  return Math.max(0, (to - from) / 60_000);
}

function rateRow(
  key: string,
  label: string,
  devices: StatDevice[],
  failures: number,
  start: Date,
  end: Date,
): RateRow {
  const exposure = devices.reduce((sum, d) => sum + exposureMinutes(d, start, end), 0);
  const deviceMonths = exposure / MINUTES_PER_DEVICE_MONTH;
  return {
    key,
    label,
    devices: devices.filter((d) => exposureMinutes(d, start, end) > 0).length,
    deviceMonths: round2(deviceMonths),
    failures,
    per100DeviceMonths: deviceMonths > 0 ? round2((failures / deviceMonths) * 100) : null,
    mtbfHours: failures > 0 && exposure > 0 ? round1(exposure / 60 / failures) : null,
  };
}

function modelKey(d: { brand: string | null; model: string | null }): string {
  return `${d.brand ?? ''}|${d.model ?? ''}`;
}

function modelLabel(key: string): string {
  const [brand, model] = key.split('|');
  return [brand, model].filter(Boolean).join(' ') || '未登记型号';
}

/** Every statistic of a period from its tickets and devices (pure: tests feed it known data). */
export function computeStats(input: StatsInput): TicketStats {
  const { start, end, now } = input;
  const inPeriod = input.tickets.filter((t) => t.createdAt >= start && t.createdAt < end);
  const failures = inPeriod.filter(isFailure);
  const deviceOf = new Map(input.devices.map((d) => [d.id, d]));
  const days = Math.round((end.getTime() - start.getTime()) / 86_400_000);

  const mtta = (list: StatTicket[]) =>
    distribution(list.filter((t) => t.acceptedAt).map((t) => minutes(t.createdAt, t.acceptedAt!)));
  const mttr = (list: StatTicket[]) =>
    distribution(list.filter(restored).map((t) => minutes(t.createdAt, t.resolvedAt!)));

  // SLA
  let acceptMet = 0;
  let acceptBreached = 0;
  let resolveMet = 0;
  let resolveBreached = 0;
  const slaOf = new Map<string, { accept?: boolean }>();
  for (const t of inPeriod.filter((x) => x.status !== 'merged')) {
    if (t.acceptedAt) {
      const met = t.acceptedAt <= t.acceptDueAt;
      if (met) acceptMet++;
      else acceptBreached++;
      slaOf.set(t.id, { accept: met });
    } else if (t.status === 'submitted' && now > t.acceptDueAt) {
      acceptBreached++;
      slaOf.set(t.id, { accept: false });
    }
    if (t.status === 'rejected') continue;
    if (restored(t)) {
      if (t.resolvedAt! <= t.resolveDueAt) resolveMet++;
      else resolveBreached++;
    } else if (now > t.resolveDueAt) resolveBreached++;
  }
  const rate = (met: number, breached: number) =>
    met + breached > 0 ? round2(met / (met + breached)) : null;

  // Repeats: a failure with another failure of the same device in the 30 days before.
  const allFailures = input.tickets.filter(isFailure);
  const isRepeat = (t: StatTicket) =>
    t.deviceId !== null &&
    allFailures.some(
      (o) =>
        o.id !== t.id &&
        o.deviceId === t.deviceId &&
        o.createdAt < t.createdAt &&
        t.createdAt.getTime() - o.createdAt.getTime() <= REPEAT_WINDOW_MS,
    );
  const withDevice = failures.filter((t) => t.deviceId !== null);
  const repeats = withDevice.filter(isRepeat).length;

  // Rates by model, category and department.
  const groupRates = (
    deviceKey: (d: StatDevice) => string | null,
    ticketKey: (t: StatTicket) => string | null,
    label: (key: string) => string,
  ): RateRow[] => {
    const keys = new Set<string>();
    const devicesBy = new Map<string, StatDevice[]>();
    for (const d of input.devices) {
      const key = deviceKey(d);
      if (key === null) continue;
      keys.add(key);
      devicesBy.set(key, [...(devicesBy.get(key) ?? []), d]);
    }
    const failuresBy = new Map<string, number>();
    for (const t of withDevice) {
      const key = ticketKey(t);
      if (key === null) continue;
      keys.add(key);
      failuresBy.set(key, (failuresBy.get(key) ?? 0) + 1);
    }
    return [...keys]
      .map((key) =>
        rateRow(key, label(key), devicesBy.get(key) ?? [], failuresBy.get(key) ?? 0, start, end),
      )
      .filter((r) => r.failures > 0 || r.deviceMonths > 0)
      .sort(
        (a, b) =>
          (b.per100DeviceMonths ?? -1) - (a.per100DeviceMonths ?? -1) || b.failures - a.failures,
      );
  };
  const ticketModel = (t: StatTicket) => {
    const d = t.deviceId ? deviceOf.get(t.deviceId) : undefined;
    return d ? modelKey(d) : null;
  };
  const byModel = groupRates((d) => modelKey(d), ticketModel, modelLabel);
  const byCategory = groupRates(
    (d) => d.categoryId,
    (t) => t.categoryId,
    (key) => input.names.category.get(key) ?? key,
  );
  const byDepartment = groupRates(
    (d) => d.departmentId,
    (t) => t.departmentId,
    (key) => input.names.department.get(key) ?? key,
  );

  // Pareto of fault types.
  const faultCounts = new Map<
    string,
    { faultTypeId: string | null; name: string; count: number }
  >();
  for (const t of failures) {
    const key = t.faultTypeId ?? '';
    const entry = faultCounts.get(key) ?? {
      faultTypeId: t.faultTypeId,
      name: t.faultName ?? '未分类',
      count: 0,
    };
    entry.count++;
    faultCounts.set(key, entry);
  }
  let cumulative = 0;
  const pareto = [...faultCounts.values()]
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))
    .map((e) => {
      cumulative += e.count;
      return {
        ...e,
        percent: round1((e.count / failures.length) * 100),
        cumulativePercent: round1((cumulative / failures.length) * 100),
      };
    });

  // By engineer group.
  const groupIds = [...new Set(inPeriod.map((t) => t.groupId))];
  const byGroup = groupIds
    .map((groupId) => {
      const list = inPeriod.filter((t) => t.groupId === groupId);
      const decided = list.filter((t) => slaOf.get(t.id)?.accept !== undefined);
      return {
        groupId,
        name: groupId ? (input.names.group.get(groupId) ?? '') : '未分派',
        tickets: list.length,
        mtta: mtta(list),
        mttr: mttr(list),
        acceptRate: decided.length
          ? round2(decided.filter((t) => slaOf.get(t.id)!.accept).length / decided.length)
          : null,
      };
    })
    .sort((a, b) => b.tickets - a.tickets);

  // Daily trend.
  const trend: TicketStats['trend'] = [];
  const dayIndex = new Map<string, number>();
  for (let i = 0; i < days; i++) {
    const date = localDate(
      new Date(start.getTime() + i * 86_400_000 + 12 * 3_600_000),
      input.timeZone,
    );
    if (dayIndex.has(date)) continue;
    dayIndex.set(date, trend.length);
    trend.push({ date, submitted: 0, resolved: 0 });
  }
  for (const t of inPeriod) {
    const i = dayIndex.get(localDate(t.createdAt, input.timeZone));
    if (i !== undefined) trend[i]!.submitted++;
  }
  for (const t of input.tickets) {
    if (!restored(t) || t.resolvedAt! < start || t.resolvedAt! >= end) continue;
    const i = dayIndex.get(localDate(t.resolvedAt!, input.timeZone));
    if (i !== undefined) trend[i]!.resolved++;
  }

  // Procurement sheet per model.
  const procurement: ProcurementRow[] = byModel.map((row) => {
    const fleet = input.devices.filter(
      (d) =>
        modelKey(d) === row.key &&
        d.inServiceFrom < end &&
        (d.retiredAt === null || d.retiredAt >= end),
    );
    const modelTickets = withDevice.filter((t) => ticketModel(t) === row.key);
    const priced = fleet.filter((d) => d.purchasePriceFen !== null);
    const example = input.devices.find((d) => modelKey(d) === row.key);
    const [brand, model] = row.key.split('|');
    return {
      brand: brand || null,
      model: model || null,
      categoryName: example ? (input.names.category.get(example.categoryId) ?? '') : '',
      fleet: fleet.length,
      deviceMonths: row.deviceMonths,
      failures: row.failures,
      per100DeviceMonths: row.per100DeviceMonths,
      mtbfHours: row.mtbfHours,
      mttrMedianMinutes: mttr(modelTickets).median,
      repeatRate: modelTickets.length
        ? round2(modelTickets.filter(isRepeat).length / modelTickets.length)
        : null,
      partsCostFen: modelTickets.reduce((sum, t) => sum + t.partsCostFen, 0),
      avgPurchasePriceFen: priced.length
        ? Math.round(priced.reduce((sum, d) => sum + d.purchasePriceFen!, 0) / priced.length)
        : null,
    };
  });

  const countStatus = (...statuses: TicketStatus[]) =>
    inPeriod.filter((t) => statuses.includes(t.status)).length;
  return {
    period: { from: input.from, to: input.to, days },
    totals: {
      tickets: inPeriod.length,
      open: countStatus('submitted', 'accepted', 'in_progress', 'waiting'),
      resolved: countStatus('resolved'),
      closed: countStatus('closed'),
      rejected: countStatus('rejected'),
      merged: countStatus('merged'),
    },
    mtta: mtta(inPeriod),
    mttr: mttr(inPeriod),
    repairTime: distribution(
      inPeriod
        .filter((t) => restored(t) && t.acceptedAt)
        .map((t) => minutes(t.acceptedAt!, t.resolvedAt!)),
    ),
    sla: {
      acceptMet,
      acceptBreached,
      acceptRate: rate(acceptMet, acceptBreached),
      resolveMet,
      resolveBreached,
      resolveRate: rate(resolveMet, resolveBreached),
    },
    repeat: {
      repeats,
      failures: withDevice.length,
      rate: withDevice.length ? round2(repeats / withDevice.length) : null,
    },
    byModel,
    byCategory,
    byDepartment,
    pareto,
    byGroup,
    trend,
    procurement,
  };
}

/** The period of a query as instants; STATS_PERIOD_INVALID when reversed or over two years. */
export function statsPeriod(query: StatsQuery, timeZone: string): { start: Date; end: Date } {
  const start = startOfLocalDay(query.from, timeZone);
  const end = new Date(startOfLocalDay(query.to, timeZone).getTime() + 86_400_000);
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (days < 1 || days > MAX_DAYS) throw new DomainError('STATS_PERIOD_INVALID');
  return { start, end };
}

/** Loads the period's tickets and devices and computes every statistic. */
export async function ticketStats(
  deps: Deps,
  query: StatsQuery,
): Promise<{ stats: TicketStats; tickets: StatTicket[]; start: Date; end: Date }> {
  const { start, end } = statsPeriod(query, deps.config.timeZone);
  const tree = await categoryTree(deps.db);
  const categoryIds = query.categoryId ? tree.descendants(query.categoryId) : undefined;
  const rows = await deps.db
    .select({
      ticket: tickets,
      faultName: ticketFaultTypes.name,
      parentId: ticketFaultTypes.parentId,
    })
    .from(tickets)
    .leftJoin(ticketFaultTypes, eq(ticketFaultTypes.id, tickets.faultTypeId))
    .where(
      and(
        gte(tickets.createdAt, new Date(start.getTime() - REPEAT_WINDOW_MS)),
        lt(tickets.createdAt, end),
        query.departmentId ? eq(tickets.departmentId, query.departmentId) : undefined,
        categoryIds ? inArray(tickets.categoryId, categoryIds) : undefined,
      ),
    );
  const faultParents = await deps.db
    .select({ id: ticketFaultTypes.id, name: ticketFaultTypes.name })
    .from(ticketFaultTypes);
  const parentName = new Map(faultParents.map((f) => [f.id, f.name]));
  const ids = rows.map((r) => r.ticket.id);
  const times = await ticketTimes(deps.db, ids);
  const costs = ids.length
    ? await deps.db
        .select({
          ticketId: ticketParts.ticketId,
          total: sql<number>`sum(${ticketParts.quantity} * ${ticketParts.unitCostFen})::int`,
        })
        .from(ticketParts)
        .where(inArray(ticketParts.ticketId, ids))
        .groupBy(ticketParts.ticketId)
    : [];
  const costOf = new Map(costs.map((c) => [c.ticketId, c.total]));
  const statTickets: StatTicket[] = rows.map(({ ticket: t, faultName: name, parentId }) => ({
    id: t.id,
    no: t.no,
    createdAt: t.createdAt,
    status: t.status as TicketStatus,
    departmentId: t.departmentId,
    categoryId: t.categoryId,
    deviceId: t.deviceId,
    faultTypeId: t.faultTypeId,
    faultName: faultName(name, parentId ? (parentName.get(parentId) ?? null) : null),
    groupId: t.groupId,
    acceptDueAt: t.acceptDueAt,
    resolveDueAt: t.resolveDueAt,
    acceptedAt: times.get(t.id)?.acceptedAt ?? null,
    resolvedAt: times.get(t.id)?.resolvedAt ?? null,
    partsCostFen: costOf.get(t.id) ?? 0,
  }));
  const deviceRows = await deps.db
    .select()
    .from(equipmentDevices)
    .where(
      and(
        query.departmentId ? eq(equipmentDevices.departmentId, query.departmentId) : undefined,
        categoryIds ? inArray(equipmentDevices.categoryId, categoryIds) : undefined,
      ),
    );
  // Devices of tickets in scope count for the model of those tickets even if they moved away.
  const known = new Set(deviceRows.map((d) => d.id));
  const extraIds = [
    ...new Set(
      statTickets.map((t) => t.deviceId).filter((id): id is string => !!id && !known.has(id)),
    ),
  ];
  const extra = extraIds.length
    ? await deps.db.select().from(equipmentDevices).where(inArray(equipmentDevices.id, extraIds))
    : [];
  const tz = deps.config.timeZone;
  const toStat = (d: typeof equipmentDevices.$inferSelect): StatDevice => ({
    id: d.id,
    brand: d.brand,
    model: d.model,
    categoryId: d.categoryId,
    departmentId: d.departmentId,
    inServiceFrom: startOfLocalDay(d.inServiceFrom, tz),
    retiredAt: d.retiredAt,
    purchasePriceFen: d.purchasePriceFen,
  });
  const devices = deviceRows.map(toStat);
  const departmentRows = await deps.db
    .select({ id: departments.id, name: departments.name })
    .from(departments);
  const groupRows = await deps.db
    .select({ id: ticketGroups.id, name: ticketGroups.name })
    .from(ticketGroups);
  const stats = computeStats({
    from: query.from,
    to: query.to,
    start,
    end,
    now: deps.clock.now(),
    timeZone: tz,
    tickets: statTickets,
    // Moved-away devices lend their model to tickets but no exposure to this scope.
    devices: [...devices, ...extra.map(toStat).map((d) => ({ ...d, retiredAt: d.inServiceFrom }))],
    names: {
      category: new Map(tree.rows.map((c) => [c.id, tree.path(c.id)])),
      department: new Map(departmentRows.map((d) => [d.id, d.name])),
      group: new Map(groupRows.map((g) => [g.id, g.name])),
    },
  });
  return { stats, tickets: statTickets.filter((t) => t.createdAt >= start), start, end };
}
