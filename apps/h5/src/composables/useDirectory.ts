import { ref, watch } from 'vue';
import { useRouter } from 'vue-router';
import { fetchDepartment, fetchDoctor, searchDoctors } from '../api/directory';
import { useLoader } from './useLoader';

/** A department's page data, reloaded when the address names another department. */
export function useDepartment(id: () => string) {
  const loader = useLoader(fetchDepartment);
  watch(id, (value) => void loader.load(value), { immediate: true });
  return loader;
}

/** A doctor's page data, reloaded when the address names another doctor. */
export function useDoctor(id: () => string) {
  const loader = useLoader(fetchDoctor);
  watch(id, (value) => void loader.load(value), { immediate: true });
  return loader;
}

/**
 * Doctor search: the query lives in the address (`/doctors?q=`, passed in as `query`), so a
 * result list survives a reload and the back button; a new search replaces the address instead
 * of stacking pages.
 */
export function useDoctorSearch(query: () => string) {
  const router = useRouter();
  const loader = useLoader(searchDoctors);
  const text = ref(query());

  watch(
    query,
    (value) => {
      text.value = value;
      void loader.load(value);
    },
    { immediate: true },
  );

  function search(): void {
    const q = text.value.trim().slice(0, 40);
    if (q === query()) void loader.retry();
    else void router.replace({ query: q ? { q } : {} });
  }

  return { ...loader, text, query, search };
}
