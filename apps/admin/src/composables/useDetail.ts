import { computed, ref, shallowRef, type Ref } from 'vue';
import { useErrorMessage } from './useErrorMessage';

/**
 * One record loaded by id for a detail drawer: the answer of the newest request only, and the
 * previous record cleared when another one is asked for, so a drawer never shows the wrong row.
 */
export function useDetail<T>(fetchOne: (id: string) => Promise<T>) {
  const detail = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let current: string | null = null;
  let latest = 0;

  async function load(id: string): Promise<void> {
    const request = ++latest;
    if (current !== id) detail.value = null;
    current = id;
    loading.value = true;
    error.value = null;
    try {
      const answer = await fetchOne(id);
      if (request === latest) detail.value = answer;
    } catch (cause) {
      if (request === latest) error.value = cause;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  /** Loads the same record again (after an action on it, or to follow work in progress). */
  function reload(): Promise<void> {
    return current ? load(current) : Promise.resolve();
  }

  return { detail, loading, errorText, load, reload };
}
