import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  CategoryAvailability,
  DeviceCondition,
  PoolDevice,
  Readiness,
} from '@zhangyi/contracts';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { containsPattern } from '../../lib/sql';
import { localDate } from '../../lib/time';
import { departments } from '../directory/schema';
import { categoryTree } from '../equipment/categories';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';
import { repairLookup } from '../tickets/views';
import { blockersOf, readinessOf } from './readiness';
import {
  lendingCategorySettings,
  lendingDevices,
  lendingLoanDevices,
  lendingLoans,
} from './schema';

/** Filters of the pool list. */
export interface PoolFilter {
  deviceIds?: string[];
  categoryId?: string;
  readiness?: Readiness;
  q?: string;
}

/**
 * Pool devices with their facts, custody (the open loan item) and derived readiness. Open
 * tickets come from the tickets module through its lookup; `openTickets` may be passed in when
 * the caller is inside a transaction (the lookup reads outside it).
 */
export async function poolDevices(
  deps: Deps,
  db: Executor,
  filter: PoolFilter = {},
  openTickets?: Map<string, { no: string }>,
): Promise<PoolDevice[]> {
  const where: SQL[] = [];
  if (filter.deviceIds) {
    if (filter.deviceIds.length === 0) return [];
    where.push(inArray(lendingDevices.deviceId, filter.deviceIds));
  }
  if (filter.categoryId) where.push(eq(equipmentDevices.categoryId, filter.categoryId));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    where.push(
      or(
        ilike(equipmentDevices.assetNo, pattern),
        ilike(equipmentDevices.name, pattern),
        ilike(equipmentDevices.serialNo, pattern),
      )!,
    );
  }
  const rows = await db
    .select({
      facts: lendingDevices,
      device: equipmentDevices,
      categoryName: equipmentCategories.name,
    })
    .from(lendingDevices)
    .innerJoin(equipmentDevices, eq(equipmentDevices.id, lendingDevices.deviceId))
    .innerJoin(equipmentCategories, eq(equipmentCategories.id, equipmentDevices.categoryId))
    .where(and(...where))
    .orderBy(asc(equipmentCategories.name), asc(equipmentDevices.assetNo));
  const ids = rows.map((r) => r.device.id);
  const custody = await openCustody(db, ids);
  const tickets = openTickets ?? (await repairLookup(deps).openTickets(ids));
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  const devices = rows.map(({ facts, device, categoryName }): PoolDevice => {
    const held = custody.get(device.id);
    const ticket = tickets.get(device.id);
    const blockers = blockersOf(
      {
        condition: facts.condition as DeviceCondition,
        hygiene: facts.hygiene as 'clean' | 'awaiting_disinfection',
        pmDueOn: facts.pmDueOn,
        calibrationDueOn: facts.calibrationDueOn,
        recallHold: facts.recallHold,
        registryStatus: device.status,
        onLoan: held !== undefined,
        openTicket: ticket !== undefined,
      },
      today,
    );
    return {
      deviceId: device.id,
      assetNo: device.assetNo,
      name: device.name,
      categoryId: device.categoryId,
      categoryName,
      brand: device.brand,
      model: device.model,
      serialNo: device.serialNo,
      condition: facts.condition as DeviceCondition,
      hygiene: facts.hygiene as 'clean' | 'awaiting_disinfection',
      pmDueOn: facts.pmDueOn,
      calibrationDueOn: facts.calibrationDueOn,
      recallHold: facts.recallHold,
      recallNote: facts.recallNote,
      readiness: readinessOf(blockers),
      blockers,
      custody: held
        ? {
            departmentId: held.departmentId,
            departmentName: held.departmentName,
            loanId: held.loanId,
            loanNo: held.loanNo,
            since: held.since.toISOString(),
            dueAt: held.dueAt?.toISOString() ?? null,
            overdue: held.dueAt !== null && held.dueAt < now,
          }
        : null,
      openTicketNo: ticket?.no ?? null,
      purchasePriceFen: device.purchasePriceFen,
    };
  });
  return filter.readiness ? devices.filter((d) => d.readiness === filter.readiness) : devices;
}

/** The department holding each device now, from the open loan items. */
async function openCustody(db: Executor, deviceIds: string[]) {
  if (deviceIds.length === 0) return new Map();
  const rows = await db
    .select({
      deviceId: lendingLoanDevices.deviceId,
      since: lendingLoanDevices.handedOverAt,
      loanId: lendingLoans.id,
      loanNo: lendingLoans.no,
      dueAt: lendingLoans.dueAt,
      departmentId: lendingLoans.departmentId,
      departmentName: departments.name,
    })
    .from(lendingLoanDevices)
    .innerJoin(lendingLoans, eq(lendingLoans.id, lendingLoanDevices.loanId))
    .innerJoin(departments, eq(departments.id, lendingLoans.departmentId))
    .where(
      and(inArray(lendingLoanDevices.deviceId, deviceIds), isNull(lendingLoanDevices.returnedAt)),
    );
  return new Map(rows.map((r) => [r.deviceId, r]));
}

/** One pool device, or undefined when the device is not in the pool. */
export async function poolDevice(
  deps: Deps,
  db: Executor,
  deviceId: string,
  openTickets?: Map<string, { no: string }>,
): Promise<PoolDevice | undefined> {
  return (await poolDevices(deps, db, { deviceIds: [deviceId] }, openTickets))[0];
}

/** The lendable categories with their settings and a path for display. */
export async function lendableCategories(db: Executor) {
  const rows = await db.select().from(lendingCategorySettings);
  const tree = await categoryTree(db);
  return rows.map((r) => ({
    ...r,
    name: tree.byId.get(r.categoryId)?.name ?? '',
    path: tree.path(r.categoryId),
  }));
}

/** Categories with live availability, for the 申请 tab. */
export async function categoryAvailability(deps: Deps): Promise<CategoryAvailability[]> {
  const categories = await lendableCategories(deps.db);
  const devices = await poolDevices(deps, deps.db);
  const waiting = await deps.db
    .select({
      categoryId: lendingLoans.categoryId,
      units: sql<number>`coalesce(sum(${lendingLoans.quantity} - (select count(*) from ${lendingLoanDevices} where ${lendingLoanDevices.loanId} = ${lendingLoans.id})), 0)::int`,
    })
    .from(lendingLoans)
    .where(inArray(lendingLoans.status, ['requested', 'approved', 'handed_over']))
    .groupBy(lendingLoans.categoryId);
  const waitingBy = new Map(waiting.map((w) => [w.categoryId, w.units]));
  return categories
    .map((c) => {
      const mine = devices.filter(
        (d) =>
          d.categoryId === c.categoryId &&
          !d.blockers.includes('scrapped') &&
          !d.blockers.includes('retired'),
      );
      return {
        categoryId: c.categoryId,
        name: c.name,
        path: c.path,
        lifeSupport: c.lifeSupport,
        billingUnit: c.billingUnit as 'hour' | 'day',
        rateFen: c.rateFen,
        minimumFen: c.minimumFen,
        total: mine.length,
        available: mine.filter((d) => d.readiness === 'available').length,
        onLoan: mine.filter((d) => d.readiness === 'on_loan').length,
        blocked: mine.filter((d) => d.readiness === 'blocked').length,
        waiting: Math.max(0, waitingBy.get(c.categoryId) ?? 0),
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path, 'zh-CN'));
}
