import { computed, onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { ApiError } from '@zhangyi/contracts';
import { fetchPatientQrCode } from '../api/patients';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';

/** A new code is fetched this often, well before the current one expires. */
export const QR_REFRESH_SECONDS = 60;
/** The server issues codes valid for two minutes. */
const QR_LIFETIME_MS = 120_000;
/** After a failed refresh while the current code is still valid, try again this soon. */
const RETRY_MS = 10_000;

/**
 * The patient's QR code for the window: fetched on opening, replaced every minute, counted down
 * to the next refresh, and marked expired if no newer one could be fetched in time. Nothing is
 * fetched while WeChat is in the background; coming back refreshes at once when a refresh is due.
 */
export function usePatientQrCode(id: () => string) {
  const session = useSessionStore();
  const describe = useErrorMessage();
  const code = shallowRef<{ svg: string; validUntil: number } | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const now = ref(Date.now());
  const nextRefreshAt = ref(0);
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let left = false;

  const secondsToRefresh = computed(() =>
    Math.max(0, Math.round((nextRefreshAt.value - now.value) / 1000)),
  );
  const expired = computed(() => code.value !== null && now.value >= code.value.validUntil);
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  const missing = computed(() => error.value instanceof ApiError && error.value.status === 404);

  // Restarted with each new code, so the countdown steps a second after the code arrives
  // rather than somewhere within the first second.
  function startTicker(): void {
    clearInterval(ticker);
    ticker = setInterval(() => {
      now.value = Date.now();
    }, 1000);
  }

  function schedule(delay: number): void {
    clearTimeout(refreshTimer);
    nextRefreshAt.value = Date.now() + delay;
    if (document.visibilityState !== 'hidden') refreshTimer = setTimeout(refresh, delay);
  }

  async function refresh(): Promise<void> {
    clearTimeout(refreshTimer);
    loading.value = true;
    try {
      const answer = await fetchPatientQrCode(id());
      if (left) return;
      const received = Date.now();
      // The phone's clock may be off: an expiry that is not within the code's lifetime from now
      // is a clock difference, and the lifetime counted from receipt is the better guess.
      const lifetime = Date.parse(answer.expiresAt) - received;
      const validFor = lifetime > 0 && lifetime <= QR_LIFETIME_MS ? lifetime : QR_LIFETIME_MS;
      code.value = { svg: answer.svg, validUntil: received + validFor };
      error.value = null;
      schedule(QR_REFRESH_SECONDS * 1000);
      now.value = received;
      startTicker();
    } catch (cause) {
      if (left || session.signInAgainIfSignedOut(cause)) return;
      error.value = cause;
      // Keep showing the current code while it is valid, and keep trying; without one the page
      // shows the error and a retry button instead.
      if (code.value && !expired.value && !missing.value) schedule(RETRY_MS);
    } finally {
      loading.value = false;
    }
  }

  function onVisibilityChange(): void {
    now.value = Date.now();
    if (document.visibilityState === 'hidden') {
      clearTimeout(refreshTimer);
    } else if (code.value && now.value >= nextRefreshAt.value) {
      void refresh();
    } else if (code.value) {
      schedule(nextRefreshAt.value - now.value);
    }
  }

  onMounted(() => {
    startTicker();
    document.addEventListener('visibilitychange', onVisibilityChange);
    void refresh();
  });

  onBeforeUnmount(() => {
    left = true;
    clearTimeout(refreshTimer);
    clearInterval(ticker);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  });

  return { code, loading, errorText, missing, expired, secondsToRefresh, refresh };
}
