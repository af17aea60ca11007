import { and, count, eq, isNull } from 'drizzle-orm';
import type {
  LendingCategory,
  LendingCategoryBody,
  PoolDevice,
  PoolDeviceBody,
} from '@zhangyi/contracts';
import type { Static } from 'typebox';
import type { RecallBody } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { staffAccounts, staffWechatBindings } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { departments } from '../directory/schema';
import { categoryTree } from '../equipment/categories';
import { deviceRow } from '../equipment/devices';
import { equipmentDevices } from '../equipment/schema';
import { lendableCategories, poolDevice } from './pool';
import {
  lendingApplicants,
  lendingCategorySettings,
  lendingDevices,
  lendingLoanDevices,
} from './schema';

/** Lendable categories with their billing and pool size. */
export async function listLendingCategories(deps: Deps): Promise<LendingCategory[]> {
  const categories = await lendableCategories(deps.db);
  const sizes = await deps.db
    .select({ categoryId: equipmentDevices.categoryId, n: count() })
    .from(lendingDevices)
    .innerJoin(equipmentDevices, eq(equipmentDevices.id, lendingDevices.deviceId))
    .groupBy(equipmentDevices.categoryId);
  const size = new Map(sizes.map((s) => [s.categoryId, s.n]));
  return categories.map((c) => ({
    categoryId: c.categoryId,
    name: c.name,
    path: c.path,
    lifeSupport: c.lifeSupport,
    billingUnit: c.billingUnit as 'hour' | 'day',
    rateFen: c.rateFen,
    minimumFen: c.minimumFen,
    devices: size.get(c.categoryId) ?? 0,
  }));
}

/** Makes a registry category lendable or changes its billing; audited. */
export async function saveLendingCategory(
  deps: Deps,
  meta: RequestMeta,
  categoryId: string,
  body: LendingCategoryBody,
): Promise<LendingCategory> {
  const tree = await categoryTree(deps.db);
  if (!tree.byId.has(categoryId)) throw new DomainError('NOT_FOUND');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(lendingCategorySettings)
      .values({ categoryId, ...body, updatedAt: now })
      .onConflictDoUpdate({
        target: lendingCategorySettings.categoryId,
        set: { ...body, updatedAt: now },
      });
    await recordAudit(tx, meta, {
      action: 'lending.category_save',
      result: 'success',
      objectType: 'equipment_category',
      objectId: categoryId,
      details: body,
    });
  });
  return (await listLendingCategories(deps)).find((c) => c.categoryId === categoryId)!;
}

/** Stops lending a category: new requests are refused, loans keep their billing. */
export async function removeLendingCategory(deps: Deps, meta: RequestMeta, categoryId: string) {
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(lendingCategorySettings)
      .where(eq(lendingCategorySettings.categoryId, categoryId))
      .returning();
    if (removed.length === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, meta, {
      action: 'lending.category_remove',
      result: 'success',
      objectType: 'equipment_category',
      objectId: categoryId,
    });
  });
}

/** Adds a registry device to the pool, or updates its safety facts; audited. */
export async function savePoolDevice(
  deps: Deps,
  meta: RequestMeta,
  deviceId: string,
  body: PoolDeviceBody,
): Promise<PoolDevice> {
  const device = await deviceRow(deps.db, deviceId);
  if (!device) throw new DomainError('NOT_FOUND');
  const now = deps.clock.now();
  const facts = {
    condition: body.condition,
    pmDueOn: body.pmDueOn,
    calibrationDueOn: body.calibrationDueOn,
    recallHold: body.recallHold,
    recallNote: body.recallNote?.trim() || null,
  };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(lendingDevices)
      .values({ deviceId, ...facts, joinedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: lendingDevices.deviceId, set: { ...facts, updatedAt: now } });
    await recordAudit(tx, meta, {
      action: 'lending.device_save',
      result: 'success',
      objectType: 'equipment_device',
      objectId: deviceId,
      details: facts,
    });
  });
  return (await poolDevice(deps, deps.db, deviceId))!;
}

/** Takes a device out of the pool; refused while it is on loan. Its loan history stays. */
export async function removePoolDevice(deps: Deps, meta: RequestMeta, deviceId: string) {
  await deps.db.transaction(async (tx) => {
    const [out] = await tx
      .select({ id: lendingLoanDevices.id })
      .from(lendingLoanDevices)
      .where(and(eq(lendingLoanDevices.deviceId, deviceId), isNull(lendingLoanDevices.returnedAt)));
    if (out) throw new DomainError('DEVICE_ON_LOAN');
    const removed = await tx
      .delete(lendingDevices)
      .where(eq(lendingDevices.deviceId, deviceId))
      .returning();
    if (removed.length === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, meta, {
      action: 'lending.device_remove',
      result: 'success',
      objectType: 'equipment_device',
      objectId: deviceId,
    });
  });
}

/** Puts every pool device of a brand and model on recall hold, or lifts it; audited. */
export async function recallModel(
  deps: Deps,
  meta: RequestMeta,
  body: Static<typeof RecallBody>,
): Promise<{ devices: number }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ids = (
      await tx
        .select({ id: equipmentDevices.id })
        .from(equipmentDevices)
        .innerJoin(lendingDevices, eq(lendingDevices.deviceId, equipmentDevices.id))
        .where(and(eq(equipmentDevices.brand, body.brand), eq(equipmentDevices.model, body.model)))
    ).map((r) => r.id);
    for (const id of ids)
      await tx
        .update(lendingDevices)
        .set({ recallHold: body.hold, recallNote: body.hold ? body.note : null, updatedAt: now })
        .where(eq(lendingDevices.deviceId, id));
    await recordAudit(tx, meta, {
      action: 'lending.recall',
      result: 'success',
      details: { ...body, devices: ids.length },
    });
    return { devices: ids.length };
  });
}

// ——— Applicants ———

const applicantColumns = {
  accountId: lendingApplicants.accountId,
  username: staffAccounts.username,
  name: staffAccounts.displayName,
  departmentId: lendingApplicants.departmentId,
  departmentName: departments.name,
  bindingId: staffWechatBindings.accountId,
};

/** Staff registered to request loans for a department. */
export async function listApplicants(deps: Deps, accountId?: string) {
  const rows = await deps.db
    .select(applicantColumns)
    .from(lendingApplicants)
    .innerJoin(staffAccounts, eq(staffAccounts.id, lendingApplicants.accountId))
    .innerJoin(departments, eq(departments.id, lendingApplicants.departmentId))
    .leftJoin(staffWechatBindings, eq(staffWechatBindings.accountId, lendingApplicants.accountId))
    .where(accountId ? eq(lendingApplicants.accountId, accountId) : undefined)
    .orderBy(departments.name, staffAccounts.displayName);
  return rows.map(({ bindingId, ...r }) => ({ ...r, wechatBound: bindingId !== null }));
}

/** Registers (or moves) a staff member as an applicant of a department; audited. */
export async function saveApplicant(
  deps: Deps,
  meta: RequestMeta,
  accountId: string,
  departmentId: string,
) {
  const [account] = await deps.db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(eq(staffAccounts.id, accountId));
  const [department] = await deps.db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, departmentId));
  if (!account || !department) throw new DomainError('NOT_FOUND');
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(lendingApplicants)
      .values({ accountId, departmentId, createdAt: deps.clock.now() })
      .onConflictDoUpdate({ target: lendingApplicants.accountId, set: { departmentId } });
    await recordAudit(tx, meta, {
      action: 'lending.applicant_save',
      result: 'success',
      objectType: 'staff_account',
      objectId: accountId,
      details: { departmentId },
    });
  });
  return (await listApplicants(deps, accountId))[0]!;
}

/** Withdraws the right to request (loans already made stay with their department). */
export async function removeApplicant(deps: Deps, meta: RequestMeta, accountId: string) {
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(lendingApplicants)
      .where(eq(lendingApplicants.accountId, accountId))
      .returning();
    if (removed.length === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, meta, {
      action: 'lending.applicant_remove',
      result: 'success',
      objectType: 'staff_account',
      objectId: accountId,
    });
  });
}
