import { wechatRoutes, type JssdkConfig, type WechatMe } from '@zhangyi/contracts';
import { call } from './client';

/** The WeChat user of this session; 401 when the page was not opened through OAuth yet. */
export function fetchMe(): Promise<WechatMe> {
  return call(wechatRoutes.me);
}

/** The `wx.config` signature for a page address of ours (without `#…`), and the JS-SDK's address. */
export function fetchJssdkConfig(url: string): Promise<JssdkConfig> {
  return call(wechatRoutes.jssdkConfig, { query: { url } });
}
