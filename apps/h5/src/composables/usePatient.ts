import { computed, onMounted } from 'vue';
import { storeToRefs } from 'pinia';
import { usePatientsStore } from '../stores/patients';
import { useErrorMessage } from './useErrorMessage';

/**
 * One of the reader's patients, for the pages about one patient: taken from the list, which is
 * loaded when the page was opened directly. `missing` when the list has no such patient (unbound,
 * or someone else's id in the address).
 */
export function usePatient(id: () => string) {
  const store = usePatientsStore();
  const { loaded, loading, error } = storeToRefs(store);
  const describe = useErrorMessage();
  const patient = computed(() => store.find(id()));
  const missing = computed(() => loaded.value && !patient.value);
  const errorText = computed(() => (error.value ? describe(error.value) : ''));

  onMounted(() => {
    void store.load();
  });

  return { patient, missing, loading, errorText, retry: () => store.load(true) };
}
