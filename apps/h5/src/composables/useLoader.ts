import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '@zhangyi/contracts';
import { useErrorMessage } from './useErrorMessage';

/**
 * One read for a page: its result, a loading flag, an error sentence and a reload. A reload
 * started while an older one is still on its way wins: a slow answer to a previous id or
 * query never overwrites a newer one.
 */
export function useLoader<T, A extends unknown[]>(fetcher: (...args: A) => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  /** The record is not there (404), or the id in the address is not one (400): retrying won't help. */
  const missing = computed(
    () => error.value instanceof ApiError && [400, 404].includes(error.value.status),
  );
  let latest = 0;
  let lastArgs: A | undefined;

  async function load(...args: A): Promise<void> {
    const ticket = ++latest;
    lastArgs = args;
    loading.value = true;
    error.value = null;
    try {
      const value = await fetcher(...args);
      if (ticket === latest) data.value = value;
    } catch (cause) {
      if (ticket === latest) {
        data.value = null;
        error.value = cause;
      }
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  /** Loads again with the arguments of the last load. */
  function retry(): Promise<void> {
    return lastArgs ? load(...lastArgs) : Promise.resolve();
  }

  return { data, loading, error, errorText, missing, load, retry };
}
