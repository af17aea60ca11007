import { and, desc, eq, gt, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type {
  DisinfectBody,
  HandoverBody,
  LoanDetail,
  Override,
  PoolDevice,
  ReadinessBlocker,
  ReturnBody,
  ScanContext,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import { isUniqueViolation } from '../../lib/sql';
import { staffAccounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { deviceRow, recordDeviceEvent } from '../equipment/devices';
import { deviceOfLabel } from '../equipment/labels';
import { equipmentDevices } from '../equipment/schema';
import { openSystemTicket } from '../tickets/service';
import { repairLookup } from '../tickets/views';
import { lendingActor, requireManager, type LendingActor } from './actor';
import { checkMove, moveLoan } from './lifecycle';
import { lockLoan } from './loans';
import { poolDevice } from './pool';
import { overridable } from './readiness';
import {
  lendingCategorySettings,
  lendingDevices,
  lendingLoanDevices,
  lendingLoans,
  lendingOverrides,
} from './schema';
import { loanDetail, loanSummaries } from './views';

/** How long an override waits for its second manager, and how long a granted one is usable. */
export const OVERRIDE_VALID_MS = 2 * 3_600_000;

/** The device a body names: by its scanned label (the usual way) or by id (the console). */
async function deviceOf(db: Executor, body: { labelToken?: string; deviceId?: string }) {
  if (body.labelToken) return deviceOfLabel(db, body.labelToken);
  if (body.deviceId) return body.deviceId;
  throw new DomainError('VALIDATION_FAILED', [
    { in: 'body', field: 'labelToken', problem: 'required' },
  ]);
}

/** The staff identity written into the registry's device history. */
function staffMeta(meta: RequestMeta, actor: LendingActor): RequestMeta {
  return { ...meta, actor: { type: 'staff', accountId: actor.accountId!, roles: actor.roles } };
}

async function lockFacts(tx: Tx, deviceId: string) {
  const [facts] = await tx
    .select()
    .from(lendingDevices)
    .where(eq(lendingDevices.deviceId, deviceId))
    .for('update');
  if (!facts) throw new DomainError('DEVICE_NOT_IN_POOL');
  return facts;
}

/**
 * Hands a scanned device over on an approved loan. The device's fact row is locked, so two
 * handovers of one device take turns and the second finds it on loan; the partial unique index on
 * open loan items holds the rule even without the lock. A blocked device needs an override
 * granted by a second manager for this loan and device.
 */
export async function handOver(
  deps: Deps,
  meta: RequestMeta,
  loanId: string,
  body: HandoverBody,
): Promise<LoanDetail> {
  const actor = await lendingActor(deps, meta);
  requireManager(actor);
  const deviceId = await deviceOf(deps.db, body);
  const openTickets = await repairLookup(deps).openTickets([deviceId]);
  try {
    await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const loan = await lockLoan(tx, actor, loanId);
      const to = loan.status === 'approved' ? 'handed_over' : 'same';
      checkMove('handover', loan, to, actor);
      await lockFacts(tx, deviceId);
      const device = await deviceRow(tx, deviceId);
      if (
        !device ||
        device.categoryId !== loan.categoryId ||
        (loan.deviceId && loan.deviceId !== deviceId)
      )
        throw new DomainError('DEVICE_NOT_IN_POOL');
      const items = await tx
        .select()
        .from(lendingLoanDevices)
        .where(eq(lendingLoanDevices.loanId, loan.id));
      if (items.length >= loan.quantity) throw new DomainError('LOAN_QUANTITY_REACHED');
      const pool = (await poolDevice(deps, tx, deviceId, openTickets))!;
      if (pool.blockers.includes('on_loan')) throw new DomainError('DEVICE_ON_LOAN');
      let overrideId: string | null = null;
      if (pool.blockers.length > 0) {
        if (!body.overrideId || !overridable(pool.blockers))
          throw new DomainError('DEVICE_NOT_READY', { blockers: pool.blockers });
        overrideId = await useOverride(
          tx,
          meta,
          body.overrideId,
          loan.id,
          deviceId,
          pool.blockers,
          now,
        );
      }
      const [rate] = await tx
        .select()
        .from(lendingCategorySettings)
        .where(eq(lendingCategorySettings.categoryId, loan.categoryId));
      if (!rate) throw new DomainError('LENDING_CATEGORY_NOT_LENDABLE');
      await tx.insert(lendingLoanDevices).values({
        loanId: loan.id,
        deviceId,
        handedOverAt: now,
        handedOverBy: actor.accountId,
        overrideId,
        billingUnit: rate.billingUnit,
        rateFen: rate.rateFen,
        minimumFen: rate.minimumFen,
      });
      await moveLoan(tx, loan, 'handover', to, actor, now, {
        details: { deviceId, assetNo: device.assetNo, ...(overrideId && { overrideId }) },
        ...(to === 'handed_over' && {
          set: { dueAt: new Date(now.getTime() + loan.expectedHours * 3_600_000) },
        }),
      });
      await recordDeviceEvent(tx, deviceId, 'lent', now, staffMeta(meta, actor), {
        loanId: loan.id,
        loanNo: loan.no,
        departmentId: loan.departmentId,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('DEVICE_ON_LOAN');
    throw error;
  }
  return loanDetail(deps, actor, loanId);
}

/** Marks a granted override used; OVERRIDE_INVALID unless it fits this loan, device and moment. */
async function useOverride(
  tx: Tx,
  meta: RequestMeta,
  id: string,
  loanId: string,
  deviceId: string,
  blockers: ReadinessBlocker[],
  now: Date,
): Promise<string> {
  const [row] = await tx
    .select()
    .from(lendingOverrides)
    .where(eq(lendingOverrides.id, id))
    .for('update');
  const fits =
    row &&
    row.loanId === loanId &&
    row.deviceId === deviceId &&
    row.grantedAt !== null &&
    row.usedAt === null &&
    now.getTime() - row.grantedAt.getTime() <= OVERRIDE_VALID_MS &&
    blockers.every((b) => row.blockers.includes(b));
  if (!fits) throw new DomainError('OVERRIDE_INVALID');
  await tx.update(lendingOverrides).set({ usedAt: now }).where(eq(lendingOverrides.id, id));
  await recordAudit(tx, meta, {
    action: 'lending.override_use',
    result: 'success',
    objectType: 'lending_override',
    objectId: id,
    details: { loanId, deviceId, blockers },
  });
  return id;
}

/**
 * Takes a device back by scanning it. Always accepted while it is out — overdue or not, asked
 * for or not. It then awaits disinfection; a damaged one is also held as faulty and a repair
 * ticket is opened in the fault system, charged to the borrowing department.
 */
export async function takeBack(deps: Deps, meta: RequestMeta, body: ReturnBody) {
  const actor = await lendingActor(deps, meta);
  requireManager(actor);
  const deviceId = await deviceOf(deps.db, body);
  const note = body.note?.trim() || null;
  const result = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [item] = await tx
      .select()
      .from(lendingLoanDevices)
      .where(and(eq(lendingLoanDevices.deviceId, deviceId), isNull(lendingLoanDevices.returnedAt)))
      .for('update');
    if (!item) throw new DomainError('DEVICE_NOT_ON_LOAN');
    const loan = await lockLoan(tx, actor, item.loanId);
    const others = await tx
      .select({ id: lendingLoanDevices.id })
      .from(lendingLoanDevices)
      .where(and(eq(lendingLoanDevices.loanId, loan.id), isNull(lendingLoanDevices.returnedAt)));
    const to = others.length <= 1 ? 'returned' : 'same';
    checkMove('return', loan, to, actor);
    let ticket: { id: string; no: string } | null = null;
    if (body.condition === 'damaged') {
      const [asset] = await tx
        .select({ assetNo: equipmentDevices.assetNo })
        .from(equipmentDevices)
        .where(eq(equipmentDevices.id, deviceId));
      ticket = await openSystemTicket(deps, tx, {
        deviceId,
        departmentId: loan.departmentId,
        description: `借用归还时发现损坏（借用单 ${loan.no}，设备 ${asset?.assetNo ?? ''}）${note ? `：${note}` : ''}`,
        reporter: { accountId: actor.accountId!, name: actor.name },
      });
    }
    await tx
      .update(lendingLoanDevices)
      .set({
        returnedAt: now,
        returnedBy: actor.accountId,
        returnCondition: body.condition,
        returnNote: note,
        ticketId: ticket?.id ?? null,
      })
      .where(eq(lendingLoanDevices.id, item.id));
    await tx
      .update(lendingDevices)
      .set({
        hygiene: 'awaiting_disinfection',
        ...(body.condition === 'damaged' && { condition: 'faulty' }),
        updatedAt: now,
      })
      .where(eq(lendingDevices.deviceId, deviceId));
    await moveLoan(tx, loan, 'return', to, actor, now, {
      note,
      details: { deviceId, condition: body.condition, ...(ticket && { ticketNo: ticket.no }) },
    });
    await recordDeviceEvent(tx, deviceId, 'returned', now, staffMeta(meta, actor), {
      loanId: loan.id,
      condition: body.condition,
    });
    return { loanId: loan.id, ticketNo: ticket?.no ?? null };
  });
  return { loan: await loanDetail(deps, actor, result.loanId), ticketNo: result.ticketNo };
}

/** The centre confirms a returned device disinfected (消毒完成): it is clean again. */
export async function confirmDisinfection(
  deps: Deps,
  meta: RequestMeta,
  body: DisinfectBody,
): Promise<PoolDevice> {
  const actor = await lendingActor(deps, meta);
  requireManager(actor);
  const deviceId = await deviceOf(deps.db, body);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const facts = await lockFacts(tx, deviceId);
    if (facts.hygiene !== 'awaiting_disinfection') throw new DomainError('DEVICE_ALREADY_CLEAN');
    await tx
      .update(lendingDevices)
      .set({ hygiene: 'clean', updatedAt: now })
      .where(eq(lendingDevices.deviceId, deviceId));
    const [item] = await tx
      .select()
      .from(lendingLoanDevices)
      .where(
        and(
          eq(lendingLoanDevices.deviceId, deviceId),
          isNotNull(lendingLoanDevices.returnedAt),
          isNull(lendingLoanDevices.disinfectedAt),
        ),
      )
      .orderBy(desc(lendingLoanDevices.returnedAt))
      .limit(1);
    if (item) {
      const loan = await lockLoan(tx, actor, item.loanId);
      await tx
        .update(lendingLoanDevices)
        .set({ disinfectedAt: now, disinfectedBy: actor.accountId })
        .where(eq(lendingLoanDevices.id, item.id));
      const pending = await tx
        .select({ id: lendingLoanDevices.id })
        .from(lendingLoanDevices)
        .where(
          and(
            eq(lendingLoanDevices.loanId, loan.id),
            or(isNull(lendingLoanDevices.returnedAt), isNull(lendingLoanDevices.disinfectedAt)),
          ),
        );
      const to = loan.status === 'returned' && pending.length === 0 ? 'disinfected' : 'same';
      await moveLoan(tx, loan, 'disinfect', to, actor, now, { details: { deviceId } });
    }
    await recordDeviceEvent(tx, deviceId, 'disinfected', now, staffMeta(meta, actor), {
      loanId: item?.loanId ?? null,
    });
  });
  return (await poolDevice(deps, deps.db, deviceId))!;
}

/** What a scanned label means to a manager: the device, its loan, the loans it could go to. */
export async function scanLabel(
  deps: Deps,
  meta: RequestMeta,
  token: string,
): Promise<ScanContext> {
  const actor = await lendingActor(deps, meta);
  requireManager(actor);
  const deviceId = await deviceOfLabel(deps.db, token);
  const device = await poolDevice(deps, deps.db, deviceId);
  if (!device) throw new DomainError('DEVICE_NOT_IN_POOL');
  const open = device.custody
    ? await deps.db.select().from(lendingLoans).where(eq(lendingLoans.id, device.custody.loanId))
    : [];
  const candidates = await deps.db
    .select()
    .from(lendingLoans)
    .where(
      and(
        eq(lendingLoans.categoryId, device.categoryId),
        inArray(lendingLoans.status, ['approved', 'handed_over']),
        or(isNull(lendingLoans.deviceId), eq(lendingLoans.deviceId, deviceId)),
      ),
    )
    .orderBy(lendingLoans.createdAt);
  const { summaries } = await loanSummaries(deps, deps.db, [...open, ...candidates]);
  return {
    device,
    openLoan: open.length ? summaries[0]! : null,
    handoverCandidates: summaries
      .slice(open.length)
      .filter((s) => s.handedOver < s.quantity)
      // Urgent first, then the oldest.
      .sort((a, b) => Number(b.urgency === 'urgent') - Number(a.urgency === 'urgent')),
  };
}

// ——— Two-manager overrides ———

type OverrideRow = typeof lendingOverrides.$inferSelect;

async function overrideViews(db: Executor, rows: OverrideRow[], now: Date): Promise<Override[]> {
  if (rows.length === 0) return [];
  const people = new Map(
    (
      await db
        .select({ id: staffAccounts.id, name: staffAccounts.displayName })
        .from(staffAccounts)
        .where(
          inArray(
            staffAccounts.id,
            rows.flatMap((r) => [r.requestedBy, ...(r.grantedBy ? [r.grantedBy] : [])]),
          ),
        )
    ).map((p) => [p.id, p.name]),
  );
  const loans = new Map(
    (
      await db
        .select({ id: lendingLoans.id, no: lendingLoans.no })
        .from(lendingLoans)
        .where(
          inArray(
            lendingLoans.id,
            rows.map((r) => r.loanId),
          ),
        )
    ).map((l) => [l.id, l.no]),
  );
  const assets = new Map(
    (
      await db
        .select({ id: equipmentDevices.id, no: equipmentDevices.assetNo })
        .from(equipmentDevices)
        .where(
          inArray(
            equipmentDevices.id,
            rows.map((r) => r.deviceId),
          ),
        )
    ).map((d) => [d.id, d.no]),
  );
  return rows.map((r) => {
    const since = (r.grantedAt ?? r.requestedAt).getTime();
    const status = r.usedAt
      ? 'used'
      : now.getTime() - since > OVERRIDE_VALID_MS
        ? 'expired'
        : r.grantedAt
          ? 'granted'
          : 'pending';
    return {
      id: r.id,
      loanId: r.loanId,
      loanNo: loans.get(r.loanId) ?? '',
      deviceId: r.deviceId,
      assetNo: assets.get(r.deviceId) ?? '',
      blockers: r.blockers as ReadinessBlocker[],
      reason: r.reason,
      requestedBy: people.get(r.requestedBy) ?? '',
      requestedAt: r.requestedAt.toISOString(),
      grantedBy: r.grantedBy ? (people.get(r.grantedBy) ?? '') : null,
      grantedAt: r.grantedAt?.toISOString() ?? null,
      usedAt: r.usedAt?.toISOString() ?? null,
      status,
    };
  });
}

/** Overrides still pending or granted and unused (for the second manager to see). */
export async function listOverrides(deps: Deps, meta: RequestMeta): Promise<Override[]> {
  requireManager(await lendingActor(deps, meta));
  const now = deps.clock.now();
  const rows = await deps.db
    .select()
    .from(lendingOverrides)
    .where(
      and(
        isNull(lendingOverrides.usedAt),
        gt(lendingOverrides.requestedAt, new Date(now.getTime() - 2 * OVERRIDE_VALID_MS)),
      ),
    )
    .orderBy(desc(lendingOverrides.requestedAt));
  return (await overrideViews(deps.db, rows, now)).filter((o) => o.status !== 'expired');
}

/** A manager asks to hand over a blocked device anyway; audited. A second manager must grant. */
export async function requestOverride(
  deps: Deps,
  meta: RequestMeta,
  body: { loanId: string; deviceId: string; reason: string },
): Promise<Override> {
  const actor = await lendingActor(deps, meta);
  requireManager(actor);
  const device = await poolDevice(deps, deps.db, body.deviceId);
  if (!device) throw new DomainError('DEVICE_NOT_IN_POOL');
  if (device.blockers.length === 0) throw new DomainError('OVERRIDE_NOT_NEEDED');
  if (!overridable(device.blockers))
    throw new DomainError('DEVICE_NOT_READY', { blockers: device.blockers });
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const loan = await lockLoan(tx, actor, body.loanId);
    checkMove('handover', loan, loan.status === 'approved' ? 'handed_over' : 'same', actor);
    if (device.categoryId !== loan.categoryId) throw new DomainError('DEVICE_NOT_IN_POOL');
    const [created] = await tx
      .insert(lendingOverrides)
      .values({
        loanId: loan.id,
        deviceId: body.deviceId,
        blockers: device.blockers,
        reason: body.reason.trim(),
        requestedBy: actor.accountId!,
        requestedAt: now,
      })
      .returning();
    await recordAudit(tx, meta, {
      action: 'lending.override_request',
      result: 'success',
      objectType: 'lending_override',
      objectId: created!.id,
      details: {
        loanId: loan.id,
        deviceId: body.deviceId,
        blockers: device.blockers,
        reason: body.reason,
      },
    });
    return created!;
  });
  return (await overrideViews(deps.db, [row], now))[0]!;
}

/** A second, different manager grants an override; audited (refusals too). */
export async function grantOverride(deps: Deps, meta: RequestMeta, id: string): Promise<Override> {
  const actor = await lendingActor(deps, meta);
  requireManager(actor);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(lendingOverrides)
      .where(eq(lendingOverrides.id, id))
      .for('update');
    if (!found) throw new DomainError('NOT_FOUND');
    if (found.requestedBy === actor.accountId) throw new DomainError('OVERRIDE_SAME_MANAGER');
    if (found.grantedAt || now.getTime() - found.requestedAt.getTime() > OVERRIDE_VALID_MS)
      throw new DomainError('OVERRIDE_INVALID');
    const [granted] = await tx
      .update(lendingOverrides)
      .set({ grantedBy: actor.accountId, grantedAt: now })
      .where(eq(lendingOverrides.id, id))
      .returning();
    await recordAudit(tx, meta, {
      action: 'lending.override_grant',
      result: 'success',
      objectType: 'lending_override',
      objectId: id,
      details: { loanId: found.loanId, deviceId: found.deviceId, blockers: found.blockers },
    });
    return granted!;
  });
  return (await overrideViews(deps.db, [row], now))[0]!;
}
