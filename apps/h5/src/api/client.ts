import { createApiClient } from '@zhangyi/contracts';
import { usePreferencesStore } from '../stores/preferences';
import { useSessionStore } from '../stores/session';

/**
 * The typed caller of the Zhangyi API. Same origin in production (the server serves /h5/) and
 * through Vite's proxy in development; the stores are read at call time, so a language switch
 * changes the language of the next error message.
 */
export const call = createApiClient({
  baseUrl: '',
  csrfToken: () => useSessionStore().csrfToken,
  locale: () => usePreferencesStore().locale,
});
