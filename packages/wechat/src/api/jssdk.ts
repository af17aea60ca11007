import { createHash } from 'node:crypto';
import { nowSeconds, randomString, type Clock } from '../core';
import { CachedCredential, readExpiring, type Lock, type TokenStore } from './token';
import type { ApiCaller } from './client';

/** The JS-SDK signature: sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (url without #…). */
export function jsapiSignature(
  ticket: string,
  nonceStr: string,
  timestamp: number,
  url: string,
): string {
  const hash = url.indexOf('#');
  const pageUrl = hash < 0 ? url : url.slice(0, hash);
  const string1 = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${pageUrl}`;
  return createHash('sha1').update(string1, 'utf8').digest('hex');
}

/** The object a page passes to `wx.config`. */
export interface WxConfig {
  debug: boolean;
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
  jsApiList: string[];
  openTagList: string[];
}

/** JS-SDK: the cached `jsapi_ticket` and `wx.config` signatures. */
export class JssdkApi {
  private readonly ticket: CachedCredential;

  constructor(
    private readonly api: ApiCaller,
    private readonly appId: string,
    private readonly clock: Clock,
    store: TokenStore,
    lock: Lock,
    keyPrefix: string,
  ) {
    this.ticket = new CachedCredential({
      key: `${keyPrefix}:jsapi_ticket:${appId}`,
      store,
      lock,
      clock,
      safetyMarginSeconds: 300,
      lockTtlMs: 15_000,
      fetch: async () =>
        readExpiring(
          await this.api.getJson<Record<string, unknown>>('/cgi-bin/ticket/getticket', {
            type: 'jsapi',
          }),
          'ticket',
          '/cgi-bin/ticket/getticket',
        ),
    });
  }

  /** The current jsapi_ticket (7200 s, cached and refreshed once across instances). */
  getTicket(): Promise<string> {
    return this.ticket.get();
  }

  /** Drops the cached ticket (e.g. after the page reported `invalid signature` twice). */
  async invalidateTicket(): Promise<void> {
    await this.ticket.clear();
  }

  /** Builds the `wx.config` object for a page URL (the URL the page has, without `#…`). */
  async buildConfig(
    url: string,
    options: { jsApiList?: string[]; openTagList?: string[]; debug?: boolean } = {},
  ): Promise<WxConfig> {
    const ticket = await this.getTicket();
    const nonceStr = randomString(16);
    const timestamp = nowSeconds(this.clock);
    return {
      debug: options.debug ?? false,
      appId: this.appId,
      timestamp,
      nonceStr,
      signature: jsapiSignature(ticket, nonceStr, timestamp, url),
      jsApiList: options.jsApiList ?? [],
      openTagList: options.openTagList ?? [],
    };
  }
}
