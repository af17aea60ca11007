import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, type WechatMe } from '@zhangyi/contracts';
import { fetchMe } from '../api/wechat';

/** Where the server starts silent WeChat authorization, returning to `next` afterwards. */
export function oauthStartUrl(next: string): string {
  return `/wechat/oauth/start?next=${encodeURIComponent(next)}`;
}

const REAUTH_KEY = 'zhangyi.h5.reauthAt';

// WeChat's browser can refuse storage; the guard against redirect loops then lasts for the page.
let reauthFallback: string | null = null;
function readSessionStorage(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return reauthFallback;
  }
}

function writeSessionStorage(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    reauthFallback = value;
  }
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

  /**
   * Sends the phone through OAuth again, back to this page, when a call was refused because the
   * session ended after the page loaded (idle too long); true when it did. A second refusal within
   * a minute is left to the page's error state: a loop of redirects would be worse.
   */
  function signInAgainIfSignedOut(error: unknown): boolean {
    if (!(error instanceof ApiError && error.status === 401)) return false;
    const last = Number(readSessionStorage(REAUTH_KEY) ?? 0);
    if (Date.now() - last < 60_000) return false;
    writeSessionStorage(REAUTH_KEY, String(Date.now()));
    window.location.assign(
      oauthStartUrl(window.location.pathname + window.location.search + window.location.hash),
    );
    return true;
  }

  return { me, csrfToken, setCsrfToken, ensureSignedIn, signInAgainIfSignedOut };
});
