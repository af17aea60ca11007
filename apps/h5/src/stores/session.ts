import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, type WechatMe } from '@zhangyi/contracts';
import { fetchMe } from '../api/wechat';

/** Where the server starts silent WeChat authorization, returning to `next` afterwards. */
export function oauthStartUrl(next: string): string {
  return `/wechat/oauth/start?next=${encodeURIComponent(next)}`;
}

/**
 * The WeChat user's session. Every page is reached through silent OAuth: the first page load
 * asks the server who we are, and a 401 sends the phone through WeChat's authorization and
 * back, after which the session cookie answers. The CSRF token comes with the answer.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<WechatMe | undefined>(undefined);
  const csrfToken = ref<string | undefined>(undefined);
  let pending: Promise<void> | undefined;

  function setCsrfToken(token: string | undefined): void {
    csrfToken.value = token;
  }

  async function load(next: string): Promise<void> {
    try {
      me.value = await fetchMe();
      csrfToken.value = me.value.csrfToken;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        window.location.assign(oauthStartUrl(next));
        // The page is leaving; never resolve, so nothing renders in between.
        await new Promise<never>(() => {});
      }
      // Anything else (server down): public pages still work and show their own errors.
    }
  }

  /** Makes sure the WeChat user is known, going through OAuth when not; once per page load. */
  function ensureSignedIn(next: string): Promise<void> {
    pending ??= load(next);
    return pending;
  }

  return { me, csrfToken, setCsrfToken, ensureSignedIn };
});
