import type { Deps } from './context';
import type { Job } from './modules/scheduler/scheduler';
import { pruneNotifications } from './modules/notifications/service';
import { sealAuditLog } from './modules/audit/service';
import { PgDedupeStore } from './modules/wechat/stores';
import { ticketJobs } from './modules/tickets/jobs';

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
  ];
}
