import { computed, reactive, watch } from 'vue';
import { exportLendingStats, fetchLendingStats } from '../api/lending';
import { localDateOf } from '../datetime';
import { lendingStatsQuery, type LendingStatsFilters } from '../lendingStats';
import { defaultStatsPeriod } from '../ticketStats';
import { useExport } from './useExport';
import { useRequest } from './useRequest';

/**
 * The lending statistics of a period and a category: reloaded when a filter changes, exported
 * as the contract's workbook with the same filters.
 */
export function useLendingStats() {
  const filters = reactive<LendingStatsFilters>({
    ...defaultStatsPeriod(localDateOf(new Date())),
    categoryId: '',
    waitTargetPct: null,
  });

  const query = computed(() => lendingStatsQuery(filters, localDateOf(new Date())));
  const request = useRequest(() => fetchLendingStats(query.value));
  const exporter = useExport(() => exportLendingStats(query.value));

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
