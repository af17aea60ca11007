import { fetchJssdkConfig } from '../api/wechat';
import { createWechat, type WechatWindow } from './sdk';

export { WechatUnavailableError, type PayOutcome, type WeixinBridge, type WechatSdk } from './sdk';

/** Adds the JS-SDK's `<script>` once; a second caller waits for the same one. */
function loadScript(src: string): Promise<void> {
  const existing = document.querySelector<HTMLScriptElement>(`script[data-wechat-sdk]`);
  if (existing?.dataset.loaded === '1') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = existing ?? document.createElement('script');
    script.addEventListener('load', () => {
      script.dataset.loaded = '1';
      resolve();
    });
    script.addEventListener('error', () => {
      script.remove();
      reject(new Error(`could not load ${src}`));
    });
    if (!existing) {
      script.src = src;
      script.async = true;
      script.dataset.wechatSdk = '';
      document.head.appendChild(script);
    }
  });
}

const wechat = createWechat({
  window: () => window as unknown as WechatWindow,
  fetchConfig: fetchJssdkConfig,
  loadScript,
});

/**
 * The JS-SDK (`wx`), configured for the current page with the interfaces our pages use (pay, scan,
 * photos); resolves on `wx.ready`, rejects on `wx.error` or when WeChat is not there.
 */
export const ensureWechatSdk = wechat.ensureWechatSdk;

/** `WeixinJSBridge`: WeChat's own, or the JS-SDK's when the page has none (sandbox phone). */
export const ensureWechatBridge = wechat.ensureWechatBridge;

/** Opens WeChat Pay for a payment the server prepared; resolves with how the sheet closed. */
export const requestPayment = wechat.requestPayment;
