import { ref, watch } from 'vue';
import type { AdminRefund, RefundStatus } from '@zhangyi/contracts';
import { exportRefunds, listRefunds, type RefundFilters } from '../api/payments';
import { useExport } from './useExport';
import { usePagedList } from './usePagedList';

/** The refunds, by date and status (both apply at once); the export takes the same filters. */
export function useRefunds() {
  const from = ref('');
  const to = ref('');
  const status = ref<RefundStatus | ''>('');

  function filters(): RefundFilters {
    return {
      from: from.value || undefined,
      to: to.value || undefined,
      status: status.value || undefined,
    };
  }

  const list = usePagedList<AdminRefund>((paging) => listRefunds({ ...paging, ...filters() }));
  const exporter = useExport(() => exportRefunds(filters()));

  watch([from, to, status], list.search);

  return { ...list, from, to, status, exporting: exporter.exporting, exportList: exporter.run };
}
