import { count, eq } from 'drizzle-orm';
import type { FaultType, FaultTypeBody, Urgency } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { categoryTree } from '../equipment/categories';
import { isForeignKeyViolation } from '../../lib/sql';
import { equipmentCategories } from '../equipment/schema';
import { ticketFaultTypes, tickets } from './schema';

type FaultTypeRow = typeof ticketFaultTypes.$inferSelect;

/** Parents before children, siblings by sort order then name. */
function ordered<
  T extends { id: string; parentId: string | null; sortOrder: number; name: string },
>(rows: T[]): T[] {
  const byOrder = (a: T, b: T) =>
    a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN');
  const out: T[] = [];
  for (const top of rows.filter((r) => r.parentId === null).sort(byOrder)) {
    out.push(top);
    out.push(...rows.filter((r) => r.parentId === top.id).sort(byOrder));
  }
  return out;
}

/** The whole fault-type tree for the console. */
export async function listFaultTypes(db: Executor): Promise<FaultType[]> {
  const rows = await db
    .select({ type: ticketFaultTypes, categoryName: equipmentCategories.name })
    .from(ticketFaultTypes)
    .leftJoin(equipmentCategories, eq(equipmentCategories.id, ticketFaultTypes.categoryId));
  return ordered(rows.map((r) => ({ ...r.type, categoryName: r.categoryName }))).map((r) => ({
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    defaultUrgency: r.defaultUrgency as Urgency,
    sortOrder: r.sortOrder,
    enabled: r.enabled,
  }));
}

/**
 * Enabled fault types offered for a device of a category: those for every device and those of the
 * category or an ancestor. A parent is offered with its children; a child of a disabled parent
 * is not.
 */
export async function faultTypeOptions(db: Executor, categoryId: string | null) {
  const rows = await db.select().from(ticketFaultTypes);
  const chain = categoryId
    ? new Set((await categoryTree(db)).ancestors(categoryId).map((c) => c.id))
    : undefined;
  const applies = (r: FaultTypeRow) =>
    r.enabled && (r.categoryId === null || (chain !== undefined && chain.has(r.categoryId)));
  const tops = new Set(rows.filter((r) => r.parentId === null && applies(r)).map((r) => r.id));
  return ordered(
    rows.filter((r) => applies(r) && (r.parentId === null || tops.has(r.parentId))),
  ).map((r) => ({
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    defaultUrgency: r.defaultUrgency as Urgency,
  }));
}

/** A fault type the report may use for a device of this category, or FAULT_TYPE_INVALID. */
export async function usableFaultType(
  db: Executor,
  id: string,
  categoryId: string | null,
): Promise<{ id: string; defaultUrgency: Urgency }> {
  const found = (await faultTypeOptions(db, categoryId)).find((t) => t.id === id);
  if (!found) throw new DomainError('FAULT_TYPE_INVALID');
  return found;
}

async function checkParent(db: Executor, parentId: string | null, id?: string): Promise<void> {
  if (parentId === null) return;
  const [parent] = await db
    .select()
    .from(ticketFaultTypes)
    .where(eq(ticketFaultTypes.id, parentId));
  if (!parent) throw new DomainError('NOT_FOUND', { field: 'parentId' });
  // Two levels: the parent is top-level, and a type with children cannot become a child.
  if (parent.parentId !== null || parentId === id) throw new DomainError('FAULT_TYPE_INVALID');
  if (id) {
    const [children] = await db
      .select({ n: count() })
      .from(ticketFaultTypes)
      .where(eq(ticketFaultTypes.parentId, id));
    if ((children?.n ?? 0) > 0) throw new DomainError('FAULT_TYPE_INVALID');
  }
}

async function faultTypeById(db: Executor, id: string): Promise<FaultType> {
  const found = (await listFaultTypes(db)).find((t) => t.id === id);
  if (!found) throw new DomainError('NOT_FOUND');
  return found;
}

/** Adds a fault type. */
export async function createFaultType(deps: Deps, meta: RequestMeta, body: FaultTypeBody) {
  await checkParent(deps.db, body.parentId);
  const [row] = await deps.db.insert(ticketFaultTypes).values(body).returning();
  await recordAudit(deps.db, meta, {
    action: 'tickets.fault_type_create',
    result: 'success',
    objectType: 'fault_type',
    objectId: row!.id,
  });
  return faultTypeById(deps.db, row!.id);
}

/** Changes a fault type. */
export async function updateFaultType(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: FaultTypeBody,
) {
  await checkParent(deps.db, body.parentId, id);
  const updated = await deps.db
    .update(ticketFaultTypes)
    .set(body)
    .where(eq(ticketFaultTypes.id, id))
    .returning();
  if (updated.length === 0) throw new DomainError('NOT_FOUND');
  await recordAudit(deps.db, meta, {
    action: 'tickets.fault_type_update',
    result: 'success',
    objectType: 'fault_type',
    objectId: id,
  });
  return faultTypeById(deps.db, id);
}

/** Removes a fault type no ticket uses and without children; disable it otherwise. */
export async function deleteFaultType(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  await faultTypeById(deps.db, id);
  const [used] = await deps.db
    .select({ n: count() })
    .from(tickets)
    .where(eq(tickets.faultTypeId, id));
  if ((used?.n ?? 0) > 0) throw new DomainError('FAULT_TYPE_IN_USE');
  try {
    await deps.db.delete(ticketFaultTypes).where(eq(ticketFaultTypes.id, id));
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new DomainError('FAULT_TYPE_IN_USE');
    throw error;
  }
  await recordAudit(deps.db, meta, {
    action: 'tickets.fault_type_delete',
    result: 'success',
    objectType: 'fault_type',
    objectId: id,
  });
}
