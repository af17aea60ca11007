import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import type { Notification, NotificationStatus } from '@zhangyi/contracts';
import { listNotifications, retryNotification } from '../api/notifications';
import { useErrorMessage } from './useErrorMessage';

/**
 * The notification log: filters by recipient, kind and status, pagination, and sending a failed
 * notice again. Kind and status apply at once; the OpenID on `search()`, like the accounts page.
 */
export function useNotifications() {
  const openid = ref('');
  const kind = ref('');
  const status = ref<NotificationStatus | ''>('');
  const page = ref(1);
  const pageSize = ref(20);

  const items = shallowRef<Notification[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let latest = 0;

  async function load(): Promise<void> {
    const id = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const result = await listNotifications({
        page: page.value,
        pageSize: pageSize.value,
        openid: openid.value.trim() || undefined,
        kind: kind.value || undefined,
        status: status.value || undefined,
      });
      if (id !== latest) return;
      items.value = result.items;
      total.value = result.total;
    } catch (cause) {
      if (id === latest) error.value = cause;
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  /** Applies the filters from the first page. */
  function search(): void {
    if (page.value === 1) void load();
    else page.value = 1;
  }

  /** Shows a changed notice in place. */
  function replace(notification: Notification): void {
    items.value = items.value.map((item) => (item.id === notification.id ? notification : item));
  }

  /** Queues a failed or dead notice again and shows its new state; rethrows the refusal. */
  async function retry(id: string): Promise<Notification> {
    const notification = await retryNotification(id);
    replace(notification);
    return notification;
  }

  watch([page, pageSize], () => void load());
  watch([kind, status], search);
  onMounted(load);

  return {
    openid,
    kind,
    status,
    page,
    pageSize,
    items,
    total,
    loading,
    errorText,
    load,
    search,
    replace,
    retry,
  };
}
