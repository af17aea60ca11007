import { wechatRoutes, type WechatMe } from '@zhangyi/contracts';
import { call } from './client';

/** The WeChat user of this session; 401 when the page was not opened through OAuth yet. */
export function fetchMe(): Promise<WechatMe> {
  return call(wechatRoutes.me);
}
