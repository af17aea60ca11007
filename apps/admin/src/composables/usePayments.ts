import { ref, watch } from 'vue';
import type { AdminPayment, PaymentStatus } from '@zhangyi/contracts';
import { exportPayments, listPayments, type PaymentFilters } from '../api/payments';
import { useExport } from './useExport';
import { usePagedList } from './usePagedList';

/**
 * The payment orders: dates, status and an order number (ours or WeChat Pay's, exact). The
 * number applies on `search()`, the others at once; the export takes the same filters.
 */
export function usePayments(initialOrderNo = '') {
  const from = ref('');
  const to = ref('');
  const status = ref<PaymentStatus | ''>('');
  const orderNo = ref(initialOrderNo);

  function filters(): PaymentFilters {
    return {
      from: from.value || undefined,
      to: to.value || undefined,
      status: status.value || undefined,
      q: orderNo.value.trim() || undefined,
    };
  }

  const list = usePagedList<AdminPayment>((paging) => listPayments({ ...paging, ...filters() }));
  const exporter = useExport(() => exportPayments(filters()));

  /** Shows a refunded order's new amounts and status in its row. */
  function refreshRow(payment: AdminPayment): void {
    list.replace(payment);
  }

  watch([from, to, status], list.search);

  return {
    ...list,
    from,
    to,
    status,
    orderNo,
    refreshRow,
    exporting: exporter.exporting,
    exportList: exporter.run,
  };
}
