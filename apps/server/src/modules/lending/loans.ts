import { eq, sql } from 'drizzle-orm';
import type { LoanDetail, LoanRequestBody } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import { localDate } from '../../lib/time';
import { lendingActor, requireManager, systemLendingActor, type LendingActor } from './actor';
import { moveLoan, recordLoanEvent, type LoanRow } from './lifecycle';
import { noticeApproved, noticeRejected, noticeRequested } from './notices';
import { poolDevices } from './pool';
import { lendingCategorySettings, lendingCounters, lendingLoans } from './schema';
import { lendingSettingsOf } from './settings';
import { awaitingConfirmation, canSee, loanDetail } from './views';

/** The next loan number of the day: JY + local date + at least three digits. */
async function nextLoanNo(tx: Executor, day: string): Promise<string> {
  const [row] = await tx
    .insert(lendingCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({
      target: lendingCounters.day,
      set: { last: sql`${lendingCounters.last} + 1` },
    })
    .returning({ last: lendingCounters.last });
  return `JY${day.replace(/-/g, '')}${String(row!.last).padStart(3, '0')}`;
}

/** Locks a loan the actor may see; NOT_FOUND otherwise. */
export async function lockLoan(tx: Tx, actor: LendingActor, id: string): Promise<LoanRow> {
  const [loan] = await tx.select().from(lendingLoans).where(eq(lendingLoans.id, id)).for('update');
  if (!loan || !canSee(actor, loan)) throw new DomainError('NOT_FOUND');
  return loan;
}

/**
 * A department asks for devices of a category (or one device). For a life-support category an
 * urgent request with enough ready devices is approved at once (先借后批): a manager must confirm
 * it within the configured window. Approval reserves nothing: the handover is what is exclusive.
 */
export async function requestLoan(
  deps: Deps,
  meta: RequestMeta,
  body: LoanRequestBody,
): Promise<LoanDetail> {
  const actor = await lendingActor(deps, meta);
  if (actor.departmentId === null) throw new DomainError('LENDING_NOT_APPLICANT');
  const departmentId = actor.departmentId;
  const [category] = await deps.db
    .select()
    .from(lendingCategorySettings)
    .where(eq(lendingCategorySettings.categoryId, body.categoryId));
  if (!category) throw new DomainError('LENDING_CATEGORY_NOT_LENDABLE');
  if (body.deviceId && body.quantity !== 1)
    throw new DomainError('VALIDATION_FAILED', [
      { in: 'body', field: 'quantity', problem: 'one_device' },
    ]);
  const devices = await poolDevices(deps, deps.db, { categoryId: body.categoryId });
  if (body.deviceId && !devices.some((d) => d.deviceId === body.deviceId))
    throw new DomainError('DEVICE_NOT_IN_POOL');
  const ready = devices.filter(
    (d) => d.readiness === 'available' && (!body.deviceId || d.deviceId === body.deviceId),
  ).length;
  const emergency = category.lifeSupport && body.urgency === 'urgent' && ready >= body.quantity;
  const { emergencyConfirmHours } = await lendingSettingsOf(deps.db);
  const now = deps.clock.now();

  const id = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(lendingLoans)
      .values({
        no: await nextLoanNo(tx, localDate(now, deps.config.timeZone)),
        departmentId,
        applicantId: actor.accountId!,
        categoryId: body.categoryId,
        deviceId: body.deviceId ?? null,
        quantity: body.quantity,
        expectedHours: body.expectedHours,
        purpose: body.purpose.trim(),
        urgency: body.urgency,
        status: 'requested',
        availableAtRequest: ready,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordLoanEvent(tx, {
      loanId: created!.id,
      action: 'request',
      from: null,
      to: 'requested',
      actor,
      at: now,
      details: { quantity: body.quantity, urgency: body.urgency, available: ready },
    });
    let loan = created!;
    if (emergency) {
      loan = await moveLoan(tx, loan, 'emergency_approve', 'approved', systemLendingActor, now, {
        note: '生命支持类紧急借用，先借后批',
        set: {
          emergency: true,
          decidedAt: now,
          confirmDueAt: new Date(now.getTime() + emergencyConfirmHours * 3_600_000),
        },
        details: { confirmHours: emergencyConfirmHours },
      });
      await noticeApproved(deps, tx, loan);
    }
    await noticeRequested(deps, tx, loan);
    return loan.id;
  });
  return loanDetail(deps, actor, id);
}

/** Runs one step on a loan inside a transaction and answers the loan as the actor sees it. */
async function step(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  run: (tx: Tx, actor: LendingActor, loan: LoanRow, now: Date) => Promise<void>,
): Promise<LoanDetail> {
  const actor = await lendingActor(deps, meta);
  await deps.db.transaction(async (tx) => {
    const loan = await lockLoan(tx, actor, id);
    await run(tx, actor, loan, deps.clock.now());
  });
  return loanDetail(deps, actor, id);
}

/** A manager approves a request. */
export function approveLoan(deps: Deps, meta: RequestMeta, id: string, note?: string) {
  return step(deps, meta, id, async (tx, actor, loan, now) => {
    requireManager(actor);
    const moved = await moveLoan(tx, loan, 'approve', 'approved', actor, now, {
      note: note?.trim() || null,
      set: { decidedAt: now, decidedBy: actor.accountId },
    });
    await noticeApproved(deps, tx, moved);
  });
}

/** A manager rejects a request, saying why. */
export function rejectLoan(deps: Deps, meta: RequestMeta, id: string, reason: string) {
  return step(deps, meta, id, async (tx, actor, loan, now) => {
    requireManager(actor);
    const moved = await moveLoan(tx, loan, 'reject', 'rejected', actor, now, {
      note: reason.trim(),
      set: { decidedAt: now, decidedBy: actor.accountId, rejectReason: reason.trim() },
    });
    await noticeRejected(deps, tx, moved);
  });
}

/** The department (or a manager) withdraws a request not yet handed over. */
export function cancelLoan(deps: Deps, meta: RequestMeta, id: string, note?: string) {
  return step(deps, meta, id, async (tx, actor, loan, now) => {
    await moveLoan(tx, loan, 'cancel', 'cancelled', actor, now, { note: note?.trim() || null });
  });
}

/** The department asks the centre to collect the devices. */
export function requestReturn(deps: Deps, meta: RequestMeta, id: string, note?: string) {
  return step(deps, meta, id, async (tx, actor, loan, now) => {
    await moveLoan(tx, loan, 'request_return', 'return_requested', actor, now, {
      note: note?.trim() || null,
    });
  });
}

/** A manager confirms an emergency approval afterwards (先借后批). */
export function confirmLoan(deps: Deps, meta: RequestMeta, id: string, note?: string) {
  return step(deps, meta, id, async (tx, actor, loan, now) => {
    requireManager(actor);
    if (!awaitingConfirmation(loan))
      throw new DomainError('LOAN_STATE', { status: loan.status, action: 'confirm' });
    await moveLoan(tx, loan, 'confirm', 'same', actor, now, {
      note: note?.trim() || null,
      set: { confirmedAt: now, confirmedBy: actor.accountId },
      details: { late: loan.confirmDueAt !== null && loan.confirmDueAt < now },
    });
  });
}
