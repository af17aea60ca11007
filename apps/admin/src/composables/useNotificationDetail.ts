import { computed, ref, shallowRef } from 'vue';
import { fetchNotification, type NotificationDetail } from '../api/notifications';
import { useErrorMessage } from './useErrorMessage';

/** One notice's data and attempts, loaded when the drawer opens on it. */
export function useNotificationDetail() {
  const detail = shallowRef<NotificationDetail | null>(null);
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
      const answer = await fetchNotification(id);
      if (request === latest) detail.value = answer;
    } catch (cause) {
      if (request === latest) error.value = cause;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  /** Loads the same notice again (after a retry, or to follow a send in progress). */
  function reload(): Promise<void> {
    return current ? load(current) : Promise.resolve();
  }

  return { detail, loading, errorText, load, reload };
}
