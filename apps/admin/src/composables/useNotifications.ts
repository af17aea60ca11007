import { ref, watch } from 'vue';
import type { Notification, NotificationStatus } from '@zhangyi/contracts';
import { listNotifications, retryNotification } from '../api/notifications';
import { usePagedList } from './usePagedList';

/**
 * The notification log: filters by recipient, kind and status, pagination, and sending a failed
 * notice again. Kind and status apply at once; the OpenID on `search()`, like the accounts page.
 */
export function useNotifications() {
  const openid = ref('');
  const kind = ref('');
  const status = ref<NotificationStatus | ''>('');
  const list = usePagedList<Notification>((paging) =>
    listNotifications({
      ...paging,
      openid: openid.value.trim() || undefined,
      kind: kind.value || undefined,
      status: status.value || undefined,
    }),
  );

  /** Queues a failed or dead notice again and shows its new state; rethrows the refusal. */
  async function retry(id: string): Promise<Notification> {
    const notification = await retryNotification(id);
    list.replace(notification);
    return notification;
  }

  watch([kind, status], list.search);

  return { ...list, openid, kind, status, retry };
}
