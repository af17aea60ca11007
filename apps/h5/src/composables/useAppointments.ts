import { computed, onScopeDispose, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { showConfirmDialog, showFailToast, showSuccessToast } from 'vant';
import 'vant/es/dialog/style/index';
import 'vant/es/toast/style/index';
import type { Appointment } from '@zhangyi/contracts';
import { cancelAppointment, fetchAppointment, fetchAppointments } from '../api/booking';
import { refundUnderway } from '../booking/appointment';
import { pollUntil } from '../booking/poll';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';

/** 我的预约, one scope at a time, reloaded when the tab changes. */
export function useAppointmentList(scope: () => 'upcoming' | 'past') {
  const loader = useLoader(fetchAppointments);
  const session = useSessionStore();
  watch(
    scope,
    async (value) => {
      // The other tab's list must not show under this tab while this one loads.
      loader.data.value = null;
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true },
  );
  return loader;
}

/**
 * One appointment with its payment and history, reloaded when the address names another. While
 * a refund is on its way (WeChat Pay settles most within minutes) it is read again every few
 * seconds, quietly, until the refund has settled or the page is left.
 */
export function useAppointmentDetail(id: () => string) {
  const loader = useLoader(fetchAppointment);
  const session = useSessionStore();
  watch(
    id,
    async (value) => {
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true },
  );

  let left = false;
  let following = false;
  onScopeDispose(() => (left = true));
  watch(
    () => !!loader.data.value && refundUnderway(loader.data.value),
    async (underway) => {
      if (!underway || following) return;
      following = true;
      const shown = id();
      const stopped = () => left || id() !== shown;
      try {
        await pollUntil(
          async () => {
            await sleep(REFUND_FOLLOW_MS);
            if (stopped()) return null;
            const fresh = await fetchAppointment(shown);
            if (!stopped()) loader.data.value = fresh;
            return fresh;
          },
          (fresh) => !fresh || !refundUnderway(fresh),
          { intervalMs: 0, timeoutMs: REFUND_FOLLOW_FOR_MS, stopped },
        );
      } catch {
        // Every look failed (offline): the page keeps what it shows; reopening it looks again.
      } finally {
        following = false;
      }
    },
    { immediate: true },
  );
  return loader;
}

const REFUND_FOLLOW_MS = 5_000;
const REFUND_FOLLOW_FOR_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Cancelling an appointment after a confirm dialog that says whether the fee comes back.
 * Resolves with the cancelled appointment, or null when the reader kept it or the server refused
 * (said in a toast; the caller reloads, as the refusal usually means the appointment moved on).
 */
export function useCancelAppointment() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const busy = ref(false);

  async function cancel(appointment: Appointment): Promise<Appointment | null> {
    if (busy.value) return null;
    const paid = appointment.payment?.status === 'paid';
    const names = {
      date: `${appointment.date} ${t(`doctor.period.${appointment.period}`)}`,
      doctor: appointment.doctor.name,
    };
    const confirmed = await showConfirmDialog({
      title: t('appointments.cancelConfirmTitle'),
      message: t(paid ? 'appointments.cancelConfirmPaid' : 'appointments.cancelConfirm', names),
      confirmButtonText: t('appointments.cancel'),
      cancelButtonText: t('appointments.keep'),
      confirmButtonColor: 'var(--van-danger-color)',
    }).then(
      () => true,
      () => false,
    );
    if (!confirmed) return null;
    busy.value = true;
    try {
      const updated = await cancelAppointment(appointment.id);
      showSuccessToast(t('appointments.cancelled'));
      return updated;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showFailToast(describe(cause));
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { cancel, busy: computed(() => busy.value) };
}
