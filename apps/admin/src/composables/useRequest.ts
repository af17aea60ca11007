import { computed, onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { useErrorMessage } from './useErrorMessage';

export interface Request<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: ShallowRef<unknown>;
  /** The failure as a sentence in the current language, or ''. */
  errorText: Readonly<Ref<string>>;
  run: () => Promise<void>;
}

/**
 * Loads data for a view when it mounts, with loading and error state and a `run` to retry.
 * Answers to superseded runs are dropped, so a slow first answer cannot overwrite a newer one.
 */
export function useRequest<T>(load: () => Promise<T>): Request<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let latest = 0;

  async function run(): Promise<void> {
    const id = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (id === latest) data.value = value;
    } catch (cause) {
      if (id === latest) error.value = cause;
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  onMounted(run);
  return { data, loading, error, errorText, run };
}
