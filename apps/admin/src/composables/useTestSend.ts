import { computed, ref, shallowRef } from 'vue';
import { testSendTemplate, type TestSendResult } from '../api/notifications';
import { OPENID } from '../templateMapping';

/**
 * The test-send box: one OpenID, one send of the kind's saved template with sample data, and
 * the answer: WeChat's message id, WeChat's refusal (`ok: false`), or the API's own error.
 */
export function useTestSend() {
  const openid = ref('');
  const sending = ref(false);
  const result = shallowRef<TestSendResult | null>(null);
  const error = shallowRef<unknown>(null);

  const openidInvalid = computed(() => {
    const value = openid.value.trim();
    return value !== '' && !OPENID.test(value);
  });
  const canSend = computed(() => openid.value.trim() !== '' && !openidInvalid.value);

  /** Forgets the last answer, e.g. when another kind is opened; the OpenID stays for reuse. */
  function reset(): void {
    result.value = null;
    error.value = null;
  }

  async function send(kind: string): Promise<void> {
    if (!canSend.value || sending.value) return;
    sending.value = true;
    reset();
    try {
      result.value = await testSendTemplate(kind, openid.value.trim());
    } catch (cause) {
      error.value = cause;
    } finally {
      sending.value = false;
    }
  }

  return { openid, sending, result, error, openidInvalid, canSend, reset, send };
}
