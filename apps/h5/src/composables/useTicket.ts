import { ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { showSuccessToast, showFailToast } from 'vant';
import 'vant/es/toast/style/index';
import type { TicketActionBody } from '@zhangyi/contracts';
import {
  actOnTicket,
  fetchEngineerQueue,
  fetchMyTickets,
  fetchTicket,
  type QueueScope,
} from '../api/repair';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';

/** One ticket as the reader may see it, and the actions the server offers them on it. */
export function useTicket(id: () => string) {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const loader = useLoader(fetchTicket);
  const acting = ref(false);

  watch(
    id,
    async (value) => {
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true },
  );

  /** Sends an action; true once the server took it (the page then shows the answer). */
  async function act(body: TicketActionBody): Promise<boolean> {
    if (acting.value) return false;
    acting.value = true;
    try {
      loader.data.value = await actOnTicket(id(), body);
      showSuccessToast(t(`tickets.done.${body.action}`));
      return true;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showFailToast(describe(cause));
      // The refusal usually means the ticket moved on: show it as it is now.
      await loader.retry();
      return false;
    } finally {
      acting.value = false;
    }
  }

  return { ...loader, acting, act };
}

/** The tickets this WeChat user reported or joined. */
export function useMyTickets() {
  const loader = useLoader(fetchMyTickets);
  const session = useSessionStore();
  void loader.load(1).then(() => session.signInAgainIfSignedOut(loader.error.value));
  return loader;
}

/** The engineer's queue of one scope, reloaded when the scope changes. */
export function useEngineerQueue(scope: () => QueueScope) {
  const loader = useLoader(fetchEngineerQueue);
  const session = useSessionStore();
  watch(
    scope,
    async (value) => {
      loader.data.value = null;
      await loader.load(value);
      session.signInAgainIfSignedOut(loader.error.value);
    },
    { immediate: true },
  );
  return loader;
}
