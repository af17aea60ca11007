import type { JssdkConfig, PayRequest } from '@zhangyi/contracts';

/**
 * WeChat's JS interfaces for our pages, without the browser wired in (see `bridge.ts` for that),
 * so that the loading order can be tested with a fake page.
 *
 * `WeixinJSBridge` is injected by WeChat itself, but only into pages inside WeChat and a moment
 * after they load; the sandbox phone (and a desktop browser) has it only once the page loads
 * the JS-SDK script. The JS-SDK (`wx.*`: scan, photos) always needs a signed `wx.config` for the
 * page's address.
 */

/** The JS-SDK interfaces our pages ask `wx.config` for. */
export const JS_API_LIST = [
  'chooseWXPay',
  'scanQRCode',
  'chooseImage',
  'uploadImage',
  'getLocalImgData',
  'previewImage',
] as const;

/** WeChat's own bridge, as far as we call it. */
export interface WeixinBridge {
  invoke(
    name: string,
    params: Record<string, unknown>,
    callback: (result: { err_msg?: string }) => void,
  ): void;
}

/** The JS-SDK's `wx`, as far as we call it; the other interfaces are reached by name. */
export interface WechatSdk {
  config(options: {
    appId: string;
    timestamp: number;
    nonceStr: string;
    signature: string;
    jsApiList: string[];
    debug?: boolean;
  }): void;
  ready(callback: () => void): void;
  error(callback: (result: { errMsg?: string }) => void): void;
  [api: string]: unknown;
}

/** The part of `window` this module reads. */
export interface WechatWindow {
  WeixinJSBridge?: WeixinBridge;
  wx?: WechatSdk;
  location: { href: string };
  addEventListener(type: string, listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** What the loader needs from the page. */
export interface WechatEnv {
  window: () => WechatWindow;
  /** Our server's signature for a page address. */
  fetchConfig: (url: string) => Promise<JssdkConfig>;
  /** Adds a `<script>` and resolves once it has run. */
  loadScript: (src: string) => Promise<void>;
  /** How long to wait for `wx.ready` or the bridge before giving up. */
  timeoutMs?: number;
}

/** WeChat's interfaces are not there: not inside WeChat, or the signature was refused. */
export class WechatUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatUnavailableError';
  }
}

/** How the pay sheet closed: paid, closed by the payer, or failed. Only the server's word counts. */
export type PayOutcome = 'ok' | 'cancel' | 'fail';

/** Reads `get_brand_wcpay_request:ok|cancel|fail…` from the bridge's answer. */
export function payOutcome(errMsg: string | undefined): PayOutcome {
  const suffix = (errMsg ?? '').split(':')[1] ?? '';
  if (suffix === 'ok') return 'ok';
  if (suffix === 'cancel') return 'cancel';
  return 'fail';
}

/** The page's address as WeChat signs it: without `#…`. */
export function signatureUrl(href: string): string {
  return href.split('#')[0]!;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new WechatUnavailableError(`${what}: timed out`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(cause instanceof Error ? cause : new WechatUnavailableError(String(cause)));
      },
    );
  });
}

/** The loader and the calls built on it, for one page environment. */
export function createWechat(env: WechatEnv) {
  const timeoutMs = env.timeoutMs ?? 10_000;
  // The signature belongs to one address: a page reached later through the router signs again.
  let configured: { url: string; sdk: Promise<WechatSdk> } | null = null;

  async function configure(url: string): Promise<WechatSdk> {
    const config = await env.fetchConfig(url);
    if (!env.window().wx) await env.loadScript(config.scriptUrl);
    const wx = env.window().wx;
    if (!wx) throw new WechatUnavailableError('the JS-SDK script did not define wx');
    wx.config({
      appId: config.appId,
      timestamp: config.timestamp,
      nonceStr: config.nonceStr,
      signature: config.signature,
      jsApiList: [...JS_API_LIST],
    });
    // Listened to after `config`: before it, a page configured earlier would count as ready.
    const ready = new Promise<WechatSdk>((resolve, reject) => {
      wx.ready(() => resolve(wx));
      wx.error((result) =>
        reject(new WechatUnavailableError(result?.errMsg ?? 'config:invalid signature')),
      );
    });
    return withTimeout(ready, timeoutMs, 'wx.ready');
  }

  /** The JS-SDK configured for the current address; resolves on `wx.ready`, rejects on `wx.error`. */
  function ensureWechatSdk(): Promise<WechatSdk> {
    const url = signatureUrl(env.window().location.href);
    if (configured?.url === url) return configured.sdk;
    const sdk = configure(url);
    configured = { url, sdk };
    // A failure is not remembered: the next call (a retry button) starts over.
    sdk.catch(() => {
      if (configured?.sdk === sdk) configured = null;
    });
    return sdk;
  }

  function bridgeReady(): Promise<WeixinBridge> {
    const win = env.window();
    return withTimeout(
      new Promise<WeixinBridge>((resolve) => {
        const onReady = () => {
          if (win.WeixinJSBridge) resolve(win.WeixinJSBridge);
        };
        win.addEventListener('WeixinJSBridgeReady', onReady, { once: true });
        onReady();
      }),
      timeoutMs,
      'WeixinJSBridge',
    );
  }

  /** `WeixinJSBridge`: WeChat's own when there, else the one that comes with the JS-SDK. */
  async function ensureWechatBridge(): Promise<WeixinBridge> {
    const native = env.window().WeixinJSBridge;
    if (native) return native;
    await ensureWechatSdk();
    return env.window().WeixinJSBridge ?? bridgeReady();
  }

  /** Opens WeChat Pay's sheet for a prepared payment and tells how it was closed. */
  async function requestPayment(params: PayRequest): Promise<PayOutcome> {
    const bridge = await ensureWechatBridge();
    return new Promise<PayOutcome>((resolve) => {
      bridge.invoke('getBrandWCPayRequest', { ...params }, (result) =>
        resolve(payOutcome(result?.err_msg)),
      );
    });
  }

  return { ensureWechatSdk, ensureWechatBridge, requestPayment };
}
