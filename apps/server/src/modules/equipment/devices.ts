import {
  and,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  notInArray,
  or,
  type SQL,
} from 'drizzle-orm';
import { LABEL_PATH_PREFIX } from '@zhangyi/contracts';
import type {
  Device,
  DeviceBody,
  DeviceListQuery,
  DeviceOpenTicket,
  DeviceStatus,
} from '@zhangyi/contracts';
import type { Static } from 'typebox';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { containsPattern, isUniqueViolation } from '../../lib/sql';
import { localDate } from '../../lib/time';
import { staffAccounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { departments } from '../directory/schema';
import { categoryTree, type CategoryTree } from './categories';
import { isForeignKeyViolation } from '../../lib/sql';
import { equipmentDeviceEvents, equipmentDevices, equipmentLabels } from './schema';

export type DeviceRow = typeof equipmentDevices.$inferSelect;
type OpenTicket = Static<typeof DeviceOpenTicket>;

/**
 * What the registry needs to know of repairs without reading the tickets module's tables: the
 * routes pass the tickets module's answers in.
 */
export interface RepairLookup {
  /** The open ticket of each of these devices that has one. */
  openTickets(deviceIds: string[]): Promise<Map<string, OpenTicket>>;
  /** Every device with an open ticket. */
  devicesUnderRepair(): Promise<string[]>;
}

export const noRepairs: RepairLookup = {
  openTickets: async () => new Map(),
  devicesUnderRepair: async () => [],
};

/** Records one fact of a device's history. */
export async function recordDeviceEvent(
  db: Executor,
  deviceId: string,
  type: string,
  at: Date,
  meta: RequestMeta,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(equipmentDeviceEvents).values({
    deviceId,
    type,
    at,
    actorAccountId: meta.actor.type === 'staff' ? meta.actor.accountId : null,
    details,
  });
}

/** The URL a label token's QR code encodes. */
export function labelUrl(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}${LABEL_PATH_PREFIX}${token}`;
}

interface Joined {
  device: DeviceRow;
  departmentName: string | null;
  labelToken: string | null;
  labelIssuedAt: Date | null;
}

function selectDevices(db: Executor) {
  return db
    .select({
      device: equipmentDevices,
      departmentName: departments.name,
      labelToken: equipmentLabels.token,
      labelIssuedAt: equipmentLabels.createdAt,
    })
    .from(equipmentDevices)
    .leftJoin(departments, eq(departments.id, equipmentDevices.departmentId))
    .leftJoin(
      equipmentLabels,
      and(eq(equipmentLabels.deviceId, equipmentDevices.id), isNull(equipmentLabels.revokedAt)),
    );
}

function toDevice(
  deps: Deps,
  tree: CategoryTree,
  row: Joined,
  openTicket: OpenTicket | undefined,
): Device {
  const d = row.device;
  const today = localDate(deps.clock.now(), deps.config.timeZone);
  return {
    id: d.id,
    assetNo: d.assetNo,
    name: d.name,
    categoryId: d.categoryId,
    categoryName: tree.byId.get(d.categoryId)?.name ?? '',
    categoryPath: tree.path(d.categoryId),
    brand: d.brand,
    model: d.model,
    serialNo: d.serialNo,
    departmentId: d.departmentId,
    departmentName: row.departmentName,
    location: d.location,
    purchaseDate: d.purchaseDate,
    warrantyEnd: d.warrantyEnd,
    underWarranty: d.warrantyEnd !== null && d.warrantyEnd >= today,
    supplier: d.supplier,
    purchasePriceFen: d.purchasePriceFen,
    status: d.status as DeviceStatus,
    retiredAt: d.retiredAt?.toISOString() ?? null,
    notes: d.notes,
    label: row.labelToken
      ? {
          status: 'active',
          url: labelUrl(deps, row.labelToken),
          issuedAt: row.labelIssuedAt!.toISOString(),
        }
      : { status: 'none', url: null, issuedAt: null },
    openTicket: openTicket ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The filters of the device list, export and label sheet, as one condition. */
export async function deviceFilter(
  db: Executor,
  query: Omit<DeviceListQuery, 'page' | 'pageSize'>,
  repairs: RepairLookup,
): Promise<SQL | undefined> {
  const filters: SQL[] = [];
  if (query.q) {
    const pattern = containsPattern(query.q);
    filters.push(
      or(
        ilike(equipmentDevices.assetNo, pattern),
        ilike(equipmentDevices.name, pattern),
        ilike(equipmentDevices.serialNo, pattern),
        ilike(equipmentDevices.brand, pattern),
        ilike(equipmentDevices.model, pattern),
        ilike(equipmentDevices.location, pattern),
      )!,
    );
  }
  if (query.categoryId) {
    const tree = await categoryTree(db);
    filters.push(inArray(equipmentDevices.categoryId, tree.descendants(query.categoryId)));
  }
  if (query.departmentId) filters.push(eq(equipmentDevices.departmentId, query.departmentId));
  if (query.status) filters.push(eq(equipmentDevices.status, query.status));
  if (query.underRepair !== undefined) {
    const ids = await repairs.devicesUnderRepair();
    if (query.underRepair) filters.push(ids.length ? inArray(equipmentDevices.id, ids) : eqFalse());
    else if (ids.length) filters.push(notInArray(equipmentDevices.id, ids));
  }
  return filters.length ? and(...filters) : undefined;
}

function eqFalse(): SQL {
  return inArray(equipmentDevices.id, ['00000000-0000-0000-0000-000000000000']);
}

/** Devices matching the filters, newest first, paged. */
export async function listDevices(
  deps: Deps,
  query: DeviceListQuery,
  repairs: RepairLookup = noRepairs,
): Promise<{ items: Device[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = await deviceFilter(deps.db, query, repairs);
  const [rows, [totals], tree] = await Promise.all([
    selectDevices(deps.db)
      .where(where)
      .orderBy(desc(equipmentDevices.createdAt), equipmentDevices.assetNo)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    deps.db.select({ total: count() }).from(equipmentDevices).where(where),
    categoryTree(deps.db),
  ]);
  const open = await repairs.openTickets(rows.map((r) => r.device.id));
  return {
    items: rows.map((row) => toDevice(deps, tree, row, open.get(row.device.id))),
    total: totals?.total ?? 0,
  };
}

/** Every device matching the filters (export, labels), ordered by asset number. */
export async function allDevices(
  deps: Deps,
  query: Omit<DeviceListQuery, 'page' | 'pageSize'>,
  repairs: RepairLookup = noRepairs,
  ids?: string[],
): Promise<Device[]> {
  const where = await deviceFilter(deps.db, query, repairs);
  const rows = await selectDevices(deps.db)
    .where(and(where, ids ? inArray(equipmentDevices.id, ids) : undefined))
    .orderBy(equipmentDevices.assetNo);
  const tree = await categoryTree(deps.db);
  const open = await repairs.openTickets(rows.map((r) => r.device.id));
  return rows.map((row) => toDevice(deps, tree, row, open.get(row.device.id)));
}

/** One device as the API shows it. */
export async function deviceById(
  deps: Deps,
  id: string,
  repairs: RepairLookup = noRepairs,
): Promise<Device> {
  const [row] = await selectDevices(deps.db).where(eq(equipmentDevices.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const open = await repairs.openTickets([id]);
  return toDevice(deps, await categoryTree(deps.db), row, open.get(id));
}

/** The stored row of a device, or undefined. */
export async function deviceRow(db: Executor, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(equipmentDevices).where(eq(equipmentDevices.id, id));
  return row;
}

/** A device's history, newest first, with the names of who did what. */
export async function deviceHistory(db: Executor, deviceId: string) {
  const rows = await db
    .select({ event: equipmentDeviceEvents, actorName: staffAccounts.displayName })
    .from(equipmentDeviceEvents)
    .leftJoin(staffAccounts, eq(staffAccounts.id, equipmentDeviceEvents.actorAccountId))
    .where(eq(equipmentDeviceEvents.deviceId, deviceId))
    .orderBy(desc(equipmentDeviceEvents.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.event.id,
    type: r.event.type,
    at: r.event.at.toISOString(),
    actorName: r.actorName,
    details: r.event.details,
  }));
}

async function checkReferences(db: Executor, body: DeviceBody): Promise<void> {
  const tree = await categoryTree(db);
  if (!tree.byId.has(body.categoryId)) throw new DomainError('NOT_FOUND', { field: 'categoryId' });
  if (body.departmentId) {
    const [dept] = await db
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.id, body.departmentId));
    if (!dept) throw new DomainError('NOT_FOUND', { field: 'departmentId' });
  }
}

/** The stored columns for a device body; dates of service follow purchase and retirement. */
export function deviceColumns(
  body: DeviceBody,
  now: Date,
  today: string,
  current?: DeviceRow,
): Omit<typeof equipmentDevices.$inferInsert, 'id' | 'createdAt'> {
  const wasRetired = current?.status === 'retired';
  return {
    assetNo: body.assetNo,
    name: body.name,
    categoryId: body.categoryId,
    brand: body.brand,
    model: body.model,
    serialNo: body.serialNo,
    departmentId: body.departmentId,
    location: body.location,
    purchaseDate: body.purchaseDate,
    warrantyEnd: body.warrantyEnd,
    supplier: body.supplier,
    purchasePriceFen: body.purchasePriceFen,
    status: body.status,
    notes: body.notes,
    inServiceFrom: body.purchaseDate ?? current?.inServiceFrom ?? today,
    retiredAt: body.status === 'retired' ? (wasRetired ? current!.retiredAt : now) : null,
    updatedAt: now,
  };
}

/** Registers a device. */
export async function createDevice(
  deps: Deps,
  meta: RequestMeta,
  body: DeviceBody,
): Promise<Device> {
  await checkReferences(deps.db, body);
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  let id: string;
  try {
    id = await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(equipmentDevices)
        .values({ ...deviceColumns(body, now, today), createdAt: now })
        .returning({ id: equipmentDevices.id });
      await recordDeviceEvent(tx, row!.id, 'registered', now, meta, { assetNo: body.assetNo });
      await recordAudit(tx, meta, {
        action: 'device.create',
        result: 'success',
        objectType: 'device',
        objectId: row!.id,
      });
      return row!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('ASSET_NO_TAKEN');
    throw error;
  }
  return deviceById(deps, id);
}

const TRACKED: (keyof DeviceBody)[] = [
  'assetNo',
  'name',
  'categoryId',
  'brand',
  'model',
  'serialNo',
  'location',
  'purchaseDate',
  'warrantyEnd',
  'supplier',
  'purchasePriceFen',
  'notes',
];

/** What changed between a stored device and a body, as history events. */
export function changeEvents(
  current: DeviceRow,
  body: DeviceBody,
): { type: string; details: Record<string, unknown> }[] {
  const events: { type: string; details: Record<string, unknown> }[] = [];
  const fields = TRACKED.filter(
    (f) => (current[f as keyof DeviceRow] ?? null) !== (body[f] ?? null),
  );
  if (fields.length) events.push({ type: 'changed', details: { fields } });
  if (current.departmentId !== body.departmentId)
    events.push({
      type: 'moved',
      details: { fromDepartmentId: current.departmentId, toDepartmentId: body.departmentId },
    });
  if (current.status !== body.status)
    events.push({
      type:
        body.status === 'retired'
          ? 'retired'
          : current.status === 'retired'
            ? 'reinstated'
            : 'status_changed',
      details: { from: current.status, to: body.status },
    });
  return events;
}

/** Changes a device; moves, retirements and field changes go to its history. */
export async function updateDevice(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: DeviceBody,
  repairs: RepairLookup = noRepairs,
): Promise<Device> {
  await checkReferences(deps.db, body);
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  try {
    await deps.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(equipmentDevices)
        .where(eq(equipmentDevices.id, id))
        .for('update');
      if (!current) throw new DomainError('NOT_FOUND');
      await tx
        .update(equipmentDevices)
        .set(deviceColumns(body, now, today, current))
        .where(eq(equipmentDevices.id, id));
      for (const event of changeEvents(current, body))
        await recordDeviceEvent(tx, id, event.type, now, meta, event.details);
      await recordAudit(tx, meta, {
        action: 'device.update',
        result: 'success',
        objectType: 'device',
        objectId: id,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('ASSET_NO_TAKEN');
    throw error;
  }
  return deviceById(deps, id, repairs);
}

/** Removes a device registered by mistake; one with tickets is refused by the foreign key. */
export async function deleteDevice(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  try {
    const removed = await deps.db
      .delete(equipmentDevices)
      .where(eq(equipmentDevices.id, id))
      .returning({ id: equipmentDevices.id, assetNo: equipmentDevices.assetNo });
    if (removed.length === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(deps.db, meta, {
      action: 'device.delete',
      result: 'success',
      objectType: 'device',
      objectId: id,
      details: { assetNo: removed[0]!.assetNo },
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new DomainError('DEVICE_IN_USE');
    throw error;
  }
}
