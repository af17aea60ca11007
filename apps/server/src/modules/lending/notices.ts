import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { localClock, localDate } from '../../lib/time';
import { staffAccounts } from '../accounts/schema';
import { openidsOfStaff } from '../accounts/wechat-binding';
import { departments } from '../directory/schema';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';
import { enqueueNotification } from '../notifications/enqueue';
import type { LoanRow } from './lifecycle';
import { lendingLoanDevices } from './schema';

/**
 * Notices of the lending centre, queued in the transaction of the change they tell of. Only staff
 * bound to WeChat can be reached; nobody is told of their own action.
 */

async function openidsWithRole(deps: Deps, db: Executor, roles: string[]): Promise<string[]> {
  const rows = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(
      and(
        eq(staffAccounts.disabled, false),
        sql`${staffAccounts.roles} && ${sql.raw(`array[${roles.map((r) => `'${r}'`).join(',')}]::text[]`)}`,
      ),
    );
  return [
    ...(
      await openidsOfStaff(
        deps,
        rows.map((r) => r.id),
        db,
      )
    ).values(),
  ];
}

async function facts(deps: Deps, db: Executor, loan: LoanRow) {
  const [row] = await db
    .select({ category: equipmentCategories.name, department: departments.name })
    .from(equipmentCategories)
    .innerJoin(departments, eq(departments.id, loan.departmentId))
    .where(eq(equipmentCategories.id, loan.categoryId));
  return { category: row?.category ?? '', department: row?.department ?? '' };
}

function when(deps: Deps, instant: Date): string {
  return `${localDate(instant, deps.config.timeZone)} ${localClock(instant, deps.config.timeZone)}`;
}

async function applicantOpenid(deps: Deps, db: Executor, loan: LoanRow) {
  return (await openidsOfStaff(deps, [loan.applicantId], db)).get(loan.applicantId);
}

/** A new request: to every bound equipment manager. */
export async function noticeRequested(deps: Deps, db: Executor, loan: LoanRow): Promise<void> {
  const f = await facts(deps, db, loan);
  for (const openid of await openidsWithRole(deps, db, ['equipment_manager'])) {
    await enqueueNotification(db, deps.clock, {
      kind: 'loan_requested',
      recipientOpenid: openid,
      data: {
        loanNo: loan.no,
        category: f.category,
        quantity: String(loan.quantity),
        department: f.department,
        urgency: loan.emergency
          ? '紧急（已先借后批）'
          : loan.urgency === 'urgent'
            ? '紧急'
            : '普通',
        loanId: loan.id,
      },
      idempotencyKey: `loan_requested:${loan.id}:${openid}`,
    });
  }
}

/** Approved (by a manager or the emergency path): to the applicant. */
export async function noticeApproved(deps: Deps, db: Executor, loan: LoanRow): Promise<void> {
  const openid = await applicantOpenid(deps, db, loan);
  if (!openid) return;
  const f = await facts(deps, db, loan);
  await enqueueNotification(db, deps.clock, {
    kind: 'loan_approved',
    recipientOpenid: openid,
    data: {
      loanNo: loan.no,
      category: f.category,
      quantity: String(loan.quantity),
      department: f.department,
      approvedAt: when(deps, loan.decidedAt ?? deps.clock.now()),
    },
    idempotencyKey: `loan_approved:${loan.id}`,
  });
}

/** Rejected: to the applicant, with the reason. */
export async function noticeRejected(deps: Deps, db: Executor, loan: LoanRow): Promise<void> {
  const openid = await applicantOpenid(deps, db, loan);
  if (!openid) return;
  const f = await facts(deps, db, loan);
  await enqueueNotification(db, deps.clock, {
    kind: 'loan_rejected',
    recipientOpenid: openid,
    data: { loanNo: loan.no, category: f.category, reason: loan.rejectReason ?? '' },
    idempotencyKey: `loan_rejected:${loan.id}`,
  });
}

/** Overdue, at most once per local day (the key names the day): to the applicant. */
export async function noticeOverdue(
  deps: Deps,
  db: Executor,
  loan: LoanRow,
  day: string,
): Promise<boolean> {
  const openid = await applicantOpenid(deps, db, loan);
  if (!openid) return false;
  const f = await facts(deps, db, loan);
  const out = await db
    .select({ name: equipmentDevices.name, assetNo: equipmentDevices.assetNo })
    .from(lendingLoanDevices)
    .innerJoin(equipmentDevices, eq(equipmentDevices.id, lendingLoanDevices.deviceId))
    .where(
      and(eq(lendingLoanDevices.loanId, loan.id), sql`${lendingLoanDevices.returnedAt} is null`),
    );
  const { created } = await enqueueNotification(db, deps.clock, {
    kind: 'loan_overdue',
    recipientOpenid: openid,
    data: {
      loanNo: loan.no,
      device: out
        .map((d) => `${d.name} ${d.assetNo}`)
        .join('、')
        .slice(0, 40),
      department: f.department,
      dueAt: when(deps, loan.dueAt!),
    },
    idempotencyKey: `loan_overdue:${loan.id}:${day}`,
  });
  return created;
}

/**
 * An emergency approval still unconfirmed: a reminder to the equipment managers half-way through
 * the window, and at the deadline an escalation to the managers and the administrators.
 */
export async function noticeConfirmDue(
  deps: Deps,
  db: Executor,
  loan: LoanRow,
  stage: 'reminder' | 'escalation',
): Promise<number> {
  const f = await facts(deps, db, loan);
  const roles = stage === 'reminder' ? ['equipment_manager'] : ['equipment_manager', 'admin'];
  const openids = await openidsWithRole(deps, db, roles);
  for (const openid of openids)
    await enqueueNotification(db, deps.clock, {
      kind: 'loan_confirm_due',
      recipientOpenid: openid,
      data: {
        loanNo: loan.no,
        category: f.category,
        department: f.department,
        confirmDueAt: when(deps, loan.confirmDueAt!),
        stage: stage === 'reminder' ? '即将到期' : '已超时未确认',
        loanId: loan.id,
      },
      idempotencyKey: `loan_confirm_due:${stage}:${loan.id}:${openid}`,
    });
  return openids.length;
}
