import { describe, expect, it } from 'vitest';
import type { JssdkConfig, PayRequest } from '@zhangyi/contracts';
import {
  JS_API_LIST,
  createWechat,
  payOutcome,
  signatureUrl,
  type WechatSdk,
  type WechatWindow,
  type WeixinBridge,
} from './sdk';

const PAY: PayRequest = {
  appId: 'wx1234567890abcdef',
  timeStamp: '1772416800',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx0201',
  signType: 'RSA',
  paySign: 'c2lnbg==',
};

/** A page without WeChat's bridge whose JS-SDK script behaves like the sandbox's. */
function fakePage(options: { href?: string; bridge?: WeixinBridge; signatureOk?: boolean } = {}) {
  const invoked: { name: string; params: Record<string, unknown> }[] = [];
  const configs: Parameters<WechatSdk['config']>[0][] = [];
  const fetched: string[] = [];
  const scripts: string[] = [];
  let payAnswer = 'get_brand_wcpay_request:ok';
  const win: WechatWindow = {
    location: { href: options.href ?? 'https://zy.example.cn/h5/appointments/a1/result?pay=1#top' },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  if (options.bridge) win.WeixinJSBridge = options.bridge;

  function installSdk(): void {
    let ready: (() => void)[] = [];
    let errors: ((r: { errMsg?: string }) => void)[] = [];
    win.wx = {
      config(opts) {
        configs.push(opts);
        setTimeout(() => {
          if (options.signatureOk === false)
            errors.forEach((fn) => fn({ errMsg: 'config:invalid signature' }));
          else ready.forEach((fn) => fn());
          ready = [];
          errors = [];
        });
      },
      ready: (fn) => void ready.push(fn),
      error: (fn) => void errors.push(fn),
    };
    win.WeixinJSBridge = {
      invoke(name, params, callback) {
        invoked.push({ name, params });
        setTimeout(() => callback({ err_msg: payAnswer }));
      },
    };
  }

  const wechat = createWechat({
    window: () => win,
    fetchConfig: async (url): Promise<JssdkConfig> => {
      fetched.push(url);
      return {
        scriptUrl: 'https://sandbox.test/open/js/jweixin-1.6.0.js',
        appId: 'wx1234567890abcdef',
        timestamp: 1772416800,
        nonceStr: 'abc',
        signature: 'f'.repeat(40),
      };
    },
    loadScript: async (src) => {
      scripts.push(src);
      installSdk();
    },
    timeoutMs: 200,
  });
  return {
    wechat,
    win,
    invoked,
    configs,
    fetched,
    scripts,
    answer: (text: string) => {
      payAnswer = text;
    },
  };
}

describe('reading the pay sheet’s answer', () => {
  it('tells paid, cancelled and failed apart', () => {
    expect(payOutcome('get_brand_wcpay_request:ok')).toBe('ok');
    expect(payOutcome('get_brand_wcpay_request:cancel')).toBe('cancel');
    expect(payOutcome('get_brand_wcpay_request:fail')).toBe('fail');
    expect(payOutcome('get_brand_wcpay_request:fail_invalid appid')).toBe('fail');
    expect(payOutcome(undefined)).toBe('fail');
  });

  it('signs the address without its fragment', () => {
    expect(signatureUrl('https://zy.example.cn/h5/a?x=1#b')).toBe('https://zy.example.cn/h5/a?x=1');
  });
});

describe('loading WeChat’s interfaces', () => {
  it('uses WeChat’s own bridge when it is there, without asking for a signature', async () => {
    const calls: string[] = [];
    const page = fakePage({
      bridge: {
        invoke: (name, _params, callback) => {
          calls.push(name);
          callback({ err_msg: 'get_brand_wcpay_request:cancel' });
        },
      },
    });
    expect(await page.wechat.requestPayment(PAY)).toBe('cancel');
    expect(calls).toEqual(['getBrandWCPayRequest']);
    expect(page.fetched).toEqual([]);
    expect(page.scripts).toEqual([]);
  });

  it('loads and configures the JS-SDK for the page address when the bridge is missing', async () => {
    const page = fakePage();
    expect(await page.wechat.requestPayment(PAY)).toBe('ok');
    expect(page.fetched).toEqual(['https://zy.example.cn/h5/appointments/a1/result?pay=1']);
    expect(page.scripts).toEqual(['https://sandbox.test/open/js/jweixin-1.6.0.js']);
    expect(page.configs).toEqual([
      {
        appId: 'wx1234567890abcdef',
        timestamp: 1772416800,
        nonceStr: 'abc',
        signature: 'f'.repeat(40),
        jsApiList: [...JS_API_LIST],
      },
    ]);
    expect(page.invoked).toEqual([{ name: 'getBrandWCPayRequest', params: { ...PAY } }]);
  });

  it('loads the script once for callers that ask at the same time', async () => {
    const page = fakePage();
    await Promise.all([page.wechat.ensureWechatSdk(), page.wechat.ensureWechatSdk()]);
    expect(page.scripts).toHaveLength(1);
    expect(page.configs).toHaveLength(1);
  });

  it('signs again after the router moved to another address, without loading the script again', async () => {
    const page = fakePage();
    await page.wechat.ensureWechatSdk();
    page.win.location.href = 'https://zy.example.cn/h5/appointments';
    await page.wechat.ensureWechatSdk();
    expect(page.fetched).toEqual([
      'https://zy.example.cn/h5/appointments/a1/result?pay=1',
      'https://zy.example.cn/h5/appointments',
    ]);
    expect(page.scripts).toHaveLength(1);
  });

  it('rejects on a refused signature, and asks for a new one on the next call', async () => {
    const page = fakePage({ signatureOk: false });
    await expect(page.wechat.ensureWechatSdk()).rejects.toThrow('config:invalid signature');
    await expect(page.wechat.ensureWechatSdk()).rejects.toThrow('config:invalid signature');
    expect(page.fetched).toHaveLength(2);
    expect(page.scripts).toHaveLength(1);
  });

  it('gives up on a script that never gets ready instead of leaving the payer waiting', async () => {
    const page = fakePage();
    const stuck = createWechat({
      window: () => page.win,
      fetchConfig: async () => ({
        scriptUrl: 'https://sandbox.test/open/js/jweixin-1.6.0.js',
        appId: 'wx1',
        timestamp: 1,
        nonceStr: 'n',
        signature: 's',
      }),
      loadScript: async () => {
        page.win.wx = { config: () => {}, ready: () => {}, error: () => {} };
      },
      timeoutMs: 20,
    });
    await expect(stuck.requestPayment(PAY)).rejects.toThrow('timed out');
  });
});
