import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { HospitalOverview } from '@zhangyi/contracts';
import { fetchHospitalOverview } from '../api/hospital';

/** The hospital overview, fetched once per visit and shared by every page that shows it. */
export const useHospitalStore = defineStore('hospital', () => {
  const overview = shallowRef<HospitalOverview | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  let pending: Promise<void> | null = null;

  /** Loads the overview unless it is already here; `force` reloads it (retry). */
  function load(force = false): Promise<void> {
    if (pending) return pending;
    if (overview.value && !force) return Promise.resolve();
    loading.value = true;
    error.value = null;
    pending = fetchHospitalOverview()
      .then((value) => {
        overview.value = value;
      })
      .catch((cause: unknown) => {
        error.value = cause;
      })
      .finally(() => {
        loading.value = false;
        pending = null;
      });
    return pending;
  }

  return { overview, loading, error, load };
});
