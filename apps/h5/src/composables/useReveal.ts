import { onBeforeUnmount, onMounted, reactive } from 'vue';
import { revealPatient } from '../api/patients';
import { useSessionStore } from '../stores/session';
import { showFailToast } from 'vant';
import 'vant/es/toast/style/index';
import { useErrorMessage } from './useErrorMessage';

/** How long full numbers stay on screen after the eye is tapped. */
export const REVEAL_SECONDS = 30;

/**
 * Full ID and phone numbers, fetched only when the reader taps the eye and forgotten again after
 * 30 seconds, when the page is left or when WeChat goes to the background, so a phone put down
 * or handed over does not keep showing them.
 */
export function useReveal() {
  const revealed = reactive(new Map<string, { idNumber: string; phone: string }>());
  const pending = reactive(new Set<string>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const session = useSessionStore();
  const describe = useErrorMessage();
  let left = false;

  function hide(id: string): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
    revealed.delete(id);
  }

  function hideAll(): void {
    for (const id of [...revealed.keys()]) hide(id);
  }

  async function toggle(id: string): Promise<void> {
    if (revealed.has(id)) return hide(id);
    if (pending.has(id)) return;
    pending.add(id);
    try {
      const numbers = await revealPatient(id);
      // The answer may arrive after the reader has left: nothing to show it on then.
      if (left) return;
      revealed.set(id, numbers);
      timers.set(
        id,
        setTimeout(() => hide(id), REVEAL_SECONDS * 1000),
      );
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showFailToast(describe(cause));
    } finally {
      pending.delete(id);
    }
  }

  function onVisibilityChange(): void {
    if (document.visibilityState === 'hidden') hideAll();
  }

  onMounted(() => document.addEventListener('visibilitychange', onVisibilityChange));
  onBeforeUnmount(() => {
    left = true;
    document.removeEventListener('visibilitychange', onVisibilityChange);
    hideAll();
  });

  return { revealed, pending, toggle };
}
