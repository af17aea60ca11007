import { onBeforeUnmount, watch, type Ref } from 'vue';
import type { AdminSchedule } from '@zhangyi/contracts';
import { fetchSchedule } from '../api/booking';
import { stopInProgress } from '../booking';
import { useDetail } from './useDetail';

/** How often a stop in progress is asked about again. */
export const STOP_POLL_MS = 3000;

/**
 * One schedule for the detail drawer. While its stop is under way (refunds and notices still
 * going out) it is fetched again every few seconds until the server says `done`, and only while
 * the drawer is open. Each answer is also handed to `onUpdate`, so the table row keeps up.
 */
export function useScheduleDetail(open: Ref<boolean>, onUpdate: (schedule: AdminSchedule) => void) {
  const detail = useDetail(fetchSchedule);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function stopPolling(): void {
    clearTimeout(timer);
    timer = undefined;
  }

  watch(detail.detail, (schedule) => {
    stopPolling();
    if (!schedule) return;
    onUpdate(schedule);
    if (open.value && stopInProgress(schedule)) {
      timer = setTimeout(() => void detail.reload(), STOP_POLL_MS);
    }
  });
  watch(open, (isOpen) => {
    if (!isOpen) stopPolling();
  });
  onBeforeUnmount(stopPolling);

  return detail;
}
