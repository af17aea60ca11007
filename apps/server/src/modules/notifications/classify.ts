import {
  WechatApiError,
  WechatNetworkError,
  WechatResponseError,
  WechatTimeoutError,
} from '@zhangyi/wechat';
import { TOKEN_ERRCODES } from '@zhangyi/wechat';

/**
 * What to do after a failed send:
 * - permanent: will never succeed (user unfollowed, bad template or data) → failed, no retry;
 * - throttled: the account's quota or rate is exhausted → try again after a fixed delay;
 * - transient: network, timeout, WeChat busy or 5xx, or a token still refused after the library's
 *   own refresh-and-retry → exponential backoff, then dead-lettered after the last attempt.
 */
export type SendFailure =
  | { kind: 'permanent'; errcode: number | null; message: string }
  | { kind: 'throttled'; errcode: number | null; message: string }
  | { kind: 'transient'; errcode: number | null; message: string };

/** WeChat errcodes after which the same message can never be delivered. */
const PERMANENT_ERRCODES = new Set([
  40003, // invalid openid
  40036, // invalid template_id size
  40037, // invalid template_id
  43004, // require subscribe: the user unfollowed
  43019, // the user blocked the account
  47001, // data format error
  47003, // argument invalid (template data)
  43101, // user refused the subscription message
]);

/** WeChat errcodes that mean "not now": daily quota, per-minute frequency. */
const THROTTLE_ERRCODES = new Set([45009, 45011, 45047]);

/** Sorts a send error into permanent, throttled or transient. */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof WechatApiError) {
    const message = `errcode ${error.errcode}: ${error.errmsg}`;
    if (PERMANENT_ERRCODES.has(error.errcode))
      return { kind: 'permanent', errcode: error.errcode, message };
    if (THROTTLE_ERRCODES.has(error.errcode))
      return { kind: 'throttled', errcode: error.errcode, message };
    if (TOKEN_ERRCODES.has(error.errcode)) {
      return {
        kind: 'transient',
        errcode: error.errcode,
        message: `${message} (after token refresh)`,
      };
    }
    return { kind: 'transient', errcode: error.errcode, message };
  }
  if (error instanceof WechatTimeoutError)
    return { kind: 'transient', errcode: null, message: `timeout: ${error.message}` };
  if (error instanceof WechatNetworkError)
    return { kind: 'transient', errcode: null, message: `network: ${error.message}` };
  if (error instanceof WechatResponseError)
    return { kind: 'transient', errcode: null, message: `bad response: ${error.message}` };
  return {
    kind: 'transient',
    errcode: null,
    message: error instanceof Error ? error.message : String(error),
  };
}

/** Exponential backoff with ±20 % jitter: 10 s, 20 s, 40 s … capped at one hour. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
