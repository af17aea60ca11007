import { ApiError, createApiClient, type ApiCall } from '@zhangyi/contracts';
import { usePreferencesStore } from '../stores/preferences';
import { useSessionStore } from '../stores/session';

const rawCall = createApiClient({
  baseUrl: '',
  csrfToken: () => useSessionStore().csrfToken,
  locale: () => usePreferencesStore().locale,
});

let onUnauthenticated: (() => void) | undefined;

/**
 * Registers what to do when a call answers 401 (session expired or signed out elsewhere).
 * Set from main.ts so that this module does not import the router.
 */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** For the few requests built outside `call` (file uploads): reports a 401 the same way. */
export function reportUnauthenticated(): void {
  onUnauthenticated?.();
}

/**
 * The typed caller of the Zhangyi API. The stores are read at call time, so a language switch
 * changes the language of the next error message and a new sign-in its CSRF token.
 */
export const call = (async (route, input) => {
  try {
    return await rawCall(route, input);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !route.path.startsWith('/api/auth/')) {
      onUnauthenticated?.();
    }
    throw error;
  }
}) as ApiCall;
