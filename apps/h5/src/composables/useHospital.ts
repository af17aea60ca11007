import { computed, onMounted } from 'vue';
import { storeToRefs } from 'pinia';
import { useHospitalStore } from '../stores/hospital';
import { useErrorMessage } from './useErrorMessage';

/** The hospital overview for a page: loads it on mount, with an error sentence and a retry. */
export function useHospital() {
  const store = useHospitalStore();
  const { overview, loading, error } = storeToRefs(store);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));

  onMounted(() => {
    void store.load();
  });

  return { overview, loading, error, errorText, retry: () => store.load(true) };
}
