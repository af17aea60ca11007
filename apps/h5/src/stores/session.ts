import { defineStore } from 'pinia';
import { ref } from 'vue';

/**
 * The WeChat user's session. Public pages need none; the CSRF token is filled in once WeChat
 * sign-in (OAuth) lands, and the API client already sends it on every state-changing request.
 */
export const useSessionStore = defineStore('session', () => {
  const csrfToken = ref<string | undefined>(undefined);

  function setCsrfToken(token: string | undefined): void {
    csrfToken.value = token;
  }

  return { csrfToken, setCsrfToken };
});
