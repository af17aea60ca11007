import type { Deps } from './context';
import type { Job } from './modules/scheduler/scheduler';
import { pruneNotifications } from './modules/notifications/service';
import { sealAuditLog } from './modules/audit/service';
import { PgDedupeStore } from './modules/wechat/stores';
import { ticketJobs } from './modules/tickets/jobs';
import { expireHolds, sweepNoShows } from './modules/booking/appointments';
import { generateSchedules } from './modules/booking/schedules';
import {
  submitDueRefunds,
  syncProcessingRefunds,
  syncStalePaymentOrders,
} from './modules/payments/service';
import { reconcileYesterday } from './modules/payments/reconcile';
import { lendingJobs } from './modules/lending/jobs';

/** Every scheduled job of every module. */
export function jobs(deps: Deps): Job[] {
  return [
    {
      name: 'notifications.prune',
      schedule: '10 3 * * *',
      description: 'Delete delivered and skipped notices older than 180 days',
      run: async () => ({ deleted: await pruneNotifications(deps) }),
    },
    {
      name: 'audit.seal',
      schedule: '* * * * *',
      description: 'Chain new audit rows onto the sealed ones (SHA-256), so an edited row shows',
      run: async () => ({ sealed: await sealAuditLog(deps.db) }),
    },
    {
      name: 'wechat.dedupe-prune',
      schedule: '17 * * * *',
      description: 'Forget callback message keys past their de-duplication window',
      run: async () => ({ deleted: await new PgDedupeStore(deps.db).prune() }),
    },
    ...ticketJobs(deps),
    ...lendingJobs(deps),
    {
      name: 'booking.generate',
      schedule: '5 0,6 * * *',
      description: 'Make schedules and slots of the bookable days from the weekly templates',
      run: async () => ({ created: await generateSchedules(deps) }),
    },
    {
      name: 'booking.expire-holds',
      schedule: '* * * * *',
      description: 'Release slots whose hold ran out unpaid (asking WeChat Pay first)',
      run: async () => ({ expired: await expireHolds(deps) }),
    },
    {
      name: 'booking.no-shows',
      schedule: '*/5 * * * *',
      description: 'Mark confirmed appointments not checked in by the end of their period',
      run: async () => ({ noShows: await sweepNoShows(deps) }),
    },
    {
      name: 'payments.sync',
      schedule: '* * * * *',
      description: 'Settle payments of unknown outcome, send due refunds, ask about slow ones',
      run: async () => ({
        orders: await syncStalePaymentOrders(deps),
        refundsSent: await submitDueRefunds(deps),
        refundsSettled: await syncProcessingRefunds(deps),
      }),
    },
    {
      name: 'payments.reconcile',
      schedule: '30 10 * * *',
      description: "Compare yesterday's orders and refunds with WeChat Pay's trade bill",
      run: async () => {
        if (!deps.wechat?.pay) return { skipped: 'WeChat Pay is not configured' };
        const report = await reconcileYesterday(deps);
        return { date: report.date, status: report.status, mismatches: report.mismatches.length };
      },
    },
  ];
}
