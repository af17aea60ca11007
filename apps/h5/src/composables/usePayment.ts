import { computed, onBeforeUnmount, onMounted, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { ApiError, type Appointment } from '@zhangyi/contracts';
import { fetchAppointment, payAppointment, syncAppointment } from '../api/booking';
import { canPay } from '../booking/appointment';
import { pollUntil } from '../booking/poll';
import { resultView } from '../booking/result';
import { secondsUntil } from '../booking/countdown';
import { requestPayment, type PayOutcome } from '../wechat/bridge';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useNow } from './useNow';

/** After the sheet says paid, how often and how long the server is asked for the outcome. */
const POLL_INTERVAL_MS = 1500;
const POLL_TIMEOUT_MS = 20_000;

/**
 * Paying a held appointment and finding out how it went. The sheet's answer is only a hint:
 * whatever it says, the server is asked (`sync`) — for a while after "paid", since WeChat Pay may
 * take a moment, and once after "cancelled" or "failed", as a payment can still have gone
 * through. Opened with `?pay=1` (straight from booking, or 继续支付) the sheet opens at once; the
 * flag is dropped first, so a reload does not open it again.
 */
export function useAppointmentPayment(id: () => string) {
  const route = useRoute();
  const router = useRouter();
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const now = useNow();

  const appointment = shallowRef<Appointment | null>(null);
  const loadError = shallowRef<unknown>(null);
  const loadErrorText = computed(() => (loadError.value ? describe(loadError.value) : ''));
  const missing = computed(
    () => loadError.value instanceof ApiError && [400, 404].includes(loadError.value.status),
  );
  /** What the page is busy with: reading, opening the sheet, or asking for the outcome. */
  const phase = ref<'loading' | 'opening' | 'checking' | 'idle'>('loading');
  const outcome = ref<PayOutcome | null>(null);
  const unsettled = ref(false);
  /** Why paying did not start (WeChat Pay unavailable, hold over…), in the reader's words. */
  const actionError = ref('');
  let left = false;
  onBeforeUnmount(() => {
    left = true;
  });

  const holdSeconds = computed(() =>
    appointment.value?.status === 'held'
      ? secondsUntil(appointment.value.holdExpiresAt, now.value)
      : 0,
  );
  const payable = computed(
    () => appointment.value !== null && canPay(appointment.value, now.value),
  );
  const view = computed(() =>
    appointment.value
      ? resultView(
          appointment.value.status,
          { outcome: outcome.value, unsettled: unsettled.value },
          payable.value,
        )
      : null,
  );

  async function load(): Promise<void> {
    phase.value = 'loading';
    loadError.value = null;
    try {
      let value = await fetchAppointment(id());
      // The sheet was opened before (the page was closed on the way back): ask how it went.
      if (value.status === 'held' && value.payment?.status === 'paying') {
        value = await syncAppointment(id()).catch(() => value);
      }
      appointment.value = value;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) loadError.value = cause;
    } finally {
      phase.value = 'idle';
    }
  }

  async function settle(timeoutMs: number): Promise<void> {
    phase.value = 'checking';
    try {
      const result = await pollUntil(
        () => syncAppointment(id()),
        (value) => value.status !== 'held',
        { intervalMs: POLL_INTERVAL_MS, timeoutMs, stopped: () => left },
      );
      appointment.value = result.value;
      unsettled.value = !result.settled && outcome.value === 'ok';
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) actionError.value = describe(cause);
    } finally {
      phase.value = 'idle';
    }
  }

  /** Opens WeChat Pay for the appointment, then asks the server how it went. */
  async function pay(): Promise<void> {
    if (phase.value !== 'idle') return;
    actionError.value = '';
    outcome.value = null;
    unsettled.value = false;
    phase.value = 'opening';
    let sheet: PayOutcome;
    try {
      sheet = await requestPayment(await payAppointment(id()));
    } catch (cause) {
      phase.value = 'idle';
      if (session.signInAgainIfSignedOut(cause)) return;
      if (cause instanceof ApiError) {
        actionError.value = describe(cause);
        // HOLD_EXPIRED, APPOINTMENT_STATE: the appointment has moved on; show where it is now.
        await load();
      } else {
        actionError.value = t('payment.wechatUnavailable');
      }
      return;
    }
    if (left) return;
    outcome.value = sheet;
    await settle(sheet === 'ok' ? POLL_TIMEOUT_MS : 0);
  }

  /** 刷新结果: asks the server once more. */
  function refresh(): Promise<void> {
    actionError.value = '';
    return phase.value === 'idle' ? settle(0) : Promise.resolve();
  }

  /** Replaces the appointment shown, e.g. after it was cancelled here. */
  function replace(value: Appointment): void {
    appointment.value = value;
    outcome.value = null;
    unsettled.value = false;
  }

  // The hold ran out while the page was open: the server releases the slot; show that.
  watch(payable, (value, before) => {
    if (before && !value && appointment.value?.status === 'held' && phase.value === 'idle') {
      void load();
    }
  });

  onMounted(async () => {
    const payNow = route.query.pay === '1';
    if (payNow) await router.replace({ query: {} });
    await load();
    if (payNow && appointment.value && canPay(appointment.value, Date.now())) await pay();
  });

  return {
    now,
    appointment,
    loadErrorText,
    missing,
    phase,
    view,
    payable,
    holdSeconds,
    actionError,
    load,
    pay,
    refresh,
    replace,
  };
}
