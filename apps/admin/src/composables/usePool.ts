import { reactive, watch } from 'vue';
import { listLendingCategories, listPoolDevices } from '../api/lending';
import { poolQuery, type PoolFilters } from '../lendingPool';
import { useRequest } from './useRequest';

/**
 * The pool with its derived readiness and the lendable categories; the choices reload at once,
 * the search text on `search()`.
 */
export function usePool() {
  const filters = reactive<PoolFilters>({ categoryId: '', readiness: '', q: '' });
  const devices = useRequest(() => listPoolDevices(poolQuery(filters)));
  const categories = useRequest(listLendingCategories);

  watch(() => [filters.categoryId, filters.readiness], devices.run);

  return { filters, devices, categories, search: devices.run };
}
