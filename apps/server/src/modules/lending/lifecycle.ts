import { and, eq } from 'drizzle-orm';
import type { LoanAction, LoanStatus } from '@zhangyi/contracts';
import type { Executor, Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import type { LendingActor } from './actor';
import { lendingLoanEvents, lendingLoans } from './schema';

export type LoanRow = typeof lendingLoans.$inferSelect;

/** Who may take a step: an applicant of the loan's department, a manager, or the system. */
export type Party = 'applicant' | 'manager' | 'system';

export type LifecycleAction = LoanAction | 'emergency_approve';

export interface Move {
  action: LifecycleAction;
  from: readonly LoanStatus[];
  /** The state after the move; `same` for steps that leave it (a further device, a confirmation). */
  to: LoanStatus | 'same';
  by: readonly Party[];
}

/**
 * Every allowed step; anything else is refused with LOAN_STATE. Handover, return and
 * disinfection act per device: the loan moves on with the first handover, the last return and the
 * last disinfection, and stays where it is for the others (`same`).
 */
export const MOVES: readonly Move[] = [
  { action: 'approve', from: ['requested'], to: 'approved', by: ['manager'] },
  { action: 'emergency_approve', from: ['requested'], to: 'approved', by: ['system'] },
  { action: 'reject', from: ['requested'], to: 'rejected', by: ['manager'] },
  {
    action: 'cancel',
    from: ['requested', 'approved'],
    to: 'cancelled',
    by: ['applicant', 'manager'],
  },
  { action: 'handover', from: ['approved'], to: 'handed_over', by: ['manager'] },
  { action: 'handover', from: ['handed_over'], to: 'same', by: ['manager'] },
  {
    action: 'request_return',
    from: ['handed_over'],
    to: 'return_requested',
    by: ['applicant', 'manager'],
  },
  // A return is always accepted, asked for or not.
  { action: 'return', from: ['handed_over', 'return_requested'], to: 'returned', by: ['manager'] },
  { action: 'return', from: ['handed_over', 'return_requested'], to: 'same', by: ['manager'] },
  { action: 'disinfect', from: ['returned'], to: 'disinfected', by: ['manager'] },
  // A device returned early from a loan whose other devices are still out is cleaned meanwhile.
  {
    action: 'disinfect',
    from: ['returned', 'handed_over', 'return_requested'],
    to: 'same',
    by: ['manager'],
  },
  {
    action: 'confirm',
    from: ['approved', 'handed_over', 'return_requested', 'returned', 'disinfected'],
    to: 'same',
    by: ['manager'],
  },
];

/** Final states: nothing moves a loan out of them. */
export const FINAL_STATUSES: readonly LoanStatus[] = ['disinfected', 'rejected', 'cancelled'];

/** The parties an actor is for a loan. */
export function partiesOf(actor: LendingActor, loan: Pick<LoanRow, 'departmentId'>): Party[] {
  if (actor.type === 'system') return ['system'];
  const parties: Party[] = [];
  if (actor.departmentId !== null && actor.departmentId === loan.departmentId)
    parties.push('applicant');
  if (actor.manager) parties.push('manager');
  return parties;
}

/** The move an action takes from a state to a target, if the table has it. */
export function findMove(
  action: LifecycleAction,
  from: LoanStatus,
  to: LoanStatus | 'same',
): Move | undefined {
  return MOVES.find((m) => m.action === action && m.from.includes(from) && m.to === to);
}

/**
 * Refuses an action not in the table for the loan's state (LOAN_STATE) or not for this actor
 * (FORBIDDEN).
 */
export function checkMove(
  action: LifecycleAction,
  loan: Pick<LoanRow, 'status' | 'departmentId'>,
  to: LoanStatus | 'same',
  actor: LendingActor,
): void {
  const move = findMove(action, loan.status as LoanStatus, to);
  if (!move) throw new DomainError('LOAN_STATE', { status: loan.status, action });
  const parties = partiesOf(actor, loan);
  if (!move.by.some((p) => parties.includes(p))) throw new DomainError('FORBIDDEN', { action });
}

/** Actions that apply to the loan's state for this actor (before per-device conditions). */
export function actionsFor(
  actor: LendingActor,
  loan: Pick<LoanRow, 'status' | 'departmentId'>,
): LoanAction[] {
  const parties = partiesOf(actor, loan);
  const actions = MOVES.filter(
    (m) =>
      m.action !== 'emergency_approve' &&
      m.from.includes(loan.status as LoanStatus) &&
      m.by.some((p) => parties.includes(p)),
  ).map((m) => m.action as LoanAction);
  return [...new Set(actions)];
}

export interface EventInput {
  loanId: string;
  action: string;
  from: LoanStatus | null;
  to: LoanStatus;
  actor: LendingActor;
  at: Date;
  note?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one event to a loan's history. */
export async function recordLoanEvent(db: Executor, input: EventInput): Promise<void> {
  await db.insert(lendingLoanEvents).values({
    loanId: input.loanId,
    action: input.action,
    fromStatus: input.from,
    toStatus: input.to,
    actorType: input.actor.type,
    actorAccountId: input.actor.accountId,
    actorName: input.actor.name,
    at: input.at,
    note: input.note ?? null,
    details: input.details ?? {},
  });
}

/**
 * Takes one step of the table on a loan the caller locked (`select … for update`) and records it.
 * The update is conditional on the state the caller saw, so a concurrent step cannot be undone.
 */
export async function moveLoan(
  tx: Tx,
  loan: LoanRow,
  action: LifecycleAction,
  to: LoanStatus | 'same',
  actor: LendingActor,
  now: Date,
  options: { note?: string | null; details?: Record<string, unknown>; set?: Partial<LoanRow> } = {},
): Promise<LoanRow> {
  checkMove(action, loan, to, actor);
  const from = loan.status as LoanStatus;
  const target = to === 'same' ? from : to;
  const [moved] = await tx
    .update(lendingLoans)
    .set({ ...options.set, status: target, updatedAt: now })
    .where(and(eq(lendingLoans.id, loan.id), eq(lendingLoans.status, from)))
    .returning();
  if (!moved) throw new DomainError('LOAN_STATE', { status: from, action });
  await recordLoanEvent(tx, {
    loanId: loan.id,
    action,
    from,
    to: target,
    actor,
    at: now,
    note: options.note ?? null,
    details: options.details ?? {},
  });
  return moved;
}
