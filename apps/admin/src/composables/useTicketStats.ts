import { computed, reactive, watch } from 'vue';
import { exportTicketStats, fetchTicketStats } from '../api/tickets';
import { localDateOf } from '../datetime';
import { defaultStatsPeriod, ticketStatsQuery, type TicketStatsFilters } from '../ticketStats';
import { useExport } from './useExport';
import { useRequest } from './useRequest';

/**
 * The ticket statistics of a period, a department and a category: reloaded when a filter
 * changes, exported with the same filters. An emptied date range falls back to the last 30 days
 * (the server needs both ends).
 */
export function useTicketStats() {
  const filters = reactive<TicketStatsFilters>({
    ...defaultStatsPeriod(localDateOf(new Date())),
    departmentId: '',
    categoryId: '',
  });

  const query = computed(() => {
    const period =
      filters.from && filters.to
        ? { from: filters.from, to: filters.to }
        : defaultStatsPeriod(localDateOf(new Date()));
    return ticketStatsQuery({ ...filters, ...period });
  });

  const request = useRequest(() => fetchTicketStats(query.value));
  const exporter = useExport(() => exportTicketStats(query.value));

  watch(query, () => void request.run(), { deep: true });

  return {
    filters,
    query,
    stats: request.data,
    loading: request.loading,
    errorText: request.errorText,
    reload: request.run,
    exporting: exporter.exporting,
    exportAll: exporter.run,
  };
}
