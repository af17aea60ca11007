import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { SessionInfo } from '@zhangyi/contracts';
import { fetchSession, signIn, signOut, type Credentials } from '../api/auth';
import { holds, type Permission } from '../permissions';

/** The signed-in administrator and the CSRF token of their session. */
export const useSessionStore = defineStore('session', () => {
  const session = shallowRef<SessionInfo | null>(null);
  /** Whether the server has been asked once; the route guard waits for it. */
  const checked = ref(false);

  const account = computed(() => session.value?.account ?? null);
  const csrfToken = computed(() => session.value?.csrfToken);
  // A server older than the permissions field grants nothing here rather than everything.
  const permissions = computed<readonly string[]>(() => session.value?.permissions ?? []);

  /** Whether the server lets this account do it; no permission means anyone signed in. */
  function can(permission: Permission | undefined): boolean {
    return holds(permissions.value, permission);
  }

  /**
   * Asks the server who is signed in. Any failure counts as signed out: the sign-in page
   * then reports what the server says (or that it cannot be reached).
   */
  async function refresh(): Promise<void> {
    try {
      session.value = await fetchSession();
    } catch {
      session.value = null;
    } finally {
      checked.value = true;
    }
  }

  async function login(credentials: Credentials): Promise<void> {
    session.value = await signIn(credentials);
    checked.value = true;
  }

  /** Signs out on the server; the local session is dropped even if that call fails. */
  async function logout(): Promise<void> {
    try {
      await signOut();
    } finally {
      session.value = null;
    }
  }

  /** Forgets the session after the server answered 401. */
  function clear(): void {
    session.value = null;
  }

  return {
    session,
    checked,
    account,
    csrfToken,
    permissions,
    can,
    refresh,
    login,
    logout,
    clear,
  };
});
