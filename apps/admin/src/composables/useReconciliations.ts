import { ref } from 'vue';
import type { Reconciliation } from '@zhangyi/contracts';
import { listReconciliations, reconcile } from '../api/payments';
import { addDays, localDateOf } from '../datetime';
import { usePagedList } from './usePagedList';

/** A report as a table row: the day it covers is its identity. */
export type ReconciliationRow = Reconciliation & { id: string };

/**
 * The daily reconciliation reports, newest first, and reconciling a day now. The day offered is
 * yesterday in the hospital's zone: WeChat Pay publishes a day's bill the morning after.
 */
export function useReconciliations() {
  const today = localDateOf(new Date());
  const date = ref(addDays(today, -1));
  const running = ref(false);
  const list = usePagedList<ReconciliationRow>(async (paging) => {
    const page = await listReconciliations(paging);
    return {
      total: page.total,
      items: page.items.map((report) => ({ ...report, id: report.date })),
    };
  });

  /** Reconciles the chosen day and reloads the list (a failure may have been recorded too). */
  async function run(): Promise<Reconciliation> {
    running.value = true;
    try {
      return await reconcile(date.value);
    } finally {
      running.value = false;
      void list.load();
    }
  }

  /** Days after today have no bill yet. */
  function isFuture(day: string): boolean {
    return day > today;
  }

  return { ...list, date, running, run, isFuture };
}
