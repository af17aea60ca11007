import { computed, ref, type Ref } from 'vue';
import type { LendingCategory, PoolDevice } from '@zhangyi/contracts';
import { listCategories, listDevices, type Device } from '../api/equipment';
import { removeLendingCategory, removePoolDevice, savePoolDevice } from '../api/lending';
import { addableCategories, addableDevices, NEW_POOL_DEVICE } from '../lendingPool';
import { useRequest } from './useRequest';

/**
 * Adding registry devices to the pool, taking them out, and the registry categories that could
 * become lendable. The lists passed in are the page's own, so choices leave out what is there.
 */
export function usePoolChanges(
  pool: Ref<readonly PoolDevice[] | null>,
  lendable: Ref<readonly LendingCategory[] | null>,
) {
  const found = ref<Device[]>([]);
  const searching = ref(false);
  const registryCategories = useRequest(listCategories);
  const deviceChoices = computed(() => addableDevices(found.value, pool.value ?? []));
  const categoryChoices = computed(() =>
    addableCategories(registryCategories.data.value ?? [], lendable.value ?? []),
  );

  /** Registry devices whose asset number, name or serial contains the text (first page). */
  async function searchRegistry(text: string): Promise<void> {
    searching.value = true;
    try {
      const page = await listDevices({ q: text.trim() || undefined, pageSize: 50 });
      found.value = page.items;
    } catch {
      found.value = [];
    } finally {
      searching.value = false;
    }
  }

  /** Puts a registry device into the pool with default facts; resolves to the pool device. */
  function addDevice(deviceId: string): Promise<PoolDevice> {
    return savePoolDevice(deviceId, NEW_POOL_DEVICE);
  }

  return {
    registryCategories,
    deviceChoices,
    categoryChoices,
    searching,
    searchRegistry,
    addDevice,
    removeDevice: removePoolDevice,
    stopCategory: removeLendingCategory,
  };
}
