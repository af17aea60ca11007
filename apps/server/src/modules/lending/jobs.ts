import { and, eq, inArray, isNull, lt, lte, notInArray, or } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Job } from '../scheduler/scheduler';
import { localDate } from '../../lib/time';
import { systemLendingActor } from './actor';
import { recordLoanEvent, type LoanRow } from './lifecycle';
import { noticeConfirmDue, noticeOverdue } from './notices';
import { lendingLoans } from './schema';
import { OUT_STATUSES } from './views';

/**
 * Emergency approvals not yet confirmed: a reminder to the managers once half the window has
 * passed, an escalation (managers and administrators) once it has run out. Each happens once per
 * loan: the conditional update claims it, so instances running the job together do it once.
 */
export async function remindUnconfirmed(
  deps: Deps,
): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock.now();
  const candidates = await deps.db
    .select()
    .from(lendingLoans)
    .where(
      and(
        eq(lendingLoans.emergency, true),
        isNull(lendingLoans.confirmedAt),
        isNull(lendingLoans.confirmEscalatedAt),
        notInArray(lendingLoans.status, ['cancelled', 'rejected']),
      ),
    );
  let reminded = 0;
  let escalated = 0;
  for (const loan of candidates) {
    const due = loan.confirmDueAt!;
    const half = new Date((loan.decidedAt ?? loan.createdAt).getTime() / 2 + due.getTime() / 2);
    const stage =
      due <= now ? 'escalation' : half <= now && !loan.confirmRemindedAt ? 'reminder' : null;
    if (!stage) continue;
    await deps.db.transaction(async (tx) => {
      const column =
        stage === 'escalation' ? lendingLoans.confirmEscalatedAt : lendingLoans.confirmRemindedAt;
      const [claimed] = await tx
        .update(lendingLoans)
        .set(stage === 'escalation' ? { confirmEscalatedAt: now } : { confirmRemindedAt: now })
        .where(and(eq(lendingLoans.id, loan.id), isNull(column), isNull(lendingLoans.confirmedAt)))
        .returning();
      if (!claimed) return;
      const sent = await noticeConfirmDue(deps, tx, claimed as LoanRow, stage);
      await recordLoanEvent(tx, {
        loanId: loan.id,
        action: stage === 'escalation' ? 'confirm_escalated' : 'confirm_reminded',
        from: claimed.status as LoanRow['status'] as never,
        to: claimed.status as never,
        actor: systemLendingActor,
        at: now,
        details: { recipients: sent },
      });
      if (stage === 'escalation') escalated++;
      else reminded++;
    });
  }
  return { reminded, escalated };
}

/**
 * Overdue loans (devices still out past the expected return): one reminder to the applicant per
 * hospital-local day at most, claimed by a conditional update on the day of the last reminder.
 * Overdue is never a state: the return stays possible as ever.
 */
export async function remindOverdue(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  const due = await deps.db
    .select({ id: lendingLoans.id })
    .from(lendingLoans)
    .where(
      and(
        inArray(lendingLoans.status, OUT_STATUSES),
        lt(lendingLoans.dueAt, now),
        or(isNull(lendingLoans.overdueRemindedOn), lt(lendingLoans.overdueRemindedOn, today)),
      ),
    );
  let sent = 0;
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(lendingLoans)
        .set({ overdueRemindedOn: today })
        .where(
          and(
            eq(lendingLoans.id, id),
            or(isNull(lendingLoans.overdueRemindedOn), lt(lendingLoans.overdueRemindedOn, today)),
            lte(lendingLoans.dueAt, now),
          ),
        )
        .returning();
      if (!claimed) return;
      if (await noticeOverdue(deps, tx, claimed, today)) sent++;
      await recordLoanEvent(tx, {
        loanId: id,
        action: 'overdue_reminded',
        from: claimed.status as never,
        to: claimed.status as never,
        actor: systemLendingActor,
        at: now,
        details: {
          day: today,
          overdueMinutes: Math.floor((now.getTime() - claimed.dueAt!.getTime()) / 60_000),
        },
      });
    });
  }
  return sent;
}

/** The lending centre's scheduled jobs. */
export function lendingJobs(deps: Deps): Job[] {
  return [
    {
      name: 'lending.emergency-confirm',
      schedule: '*/5 * * * *',
      description: 'Remind managers of unconfirmed emergency loans, escalate those past the window',
      run: async () => remindUnconfirmed(deps),
    },
    {
      name: 'lending.overdue',
      schedule: '0 * * * *',
      description: 'Remind departments of overdue loans, at most once a day each',
      run: async () => ({ reminded: await remindOverdue(deps) }),
    },
  ];
}
