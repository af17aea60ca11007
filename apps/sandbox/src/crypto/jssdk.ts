// JS-SDK config signature, as WeChat computes it to check wx.config.
import { createHash } from 'node:crypto';

/** sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, the URL taken without its fragment. */
export function jsapiSignature(
  ticket: string,
  nonceStr: string,
  timestamp: string,
  url: string,
): string {
  const bare = url.split('#')[0] ?? url;
  const string1 = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${bare}`;
  return createHash('sha1').update(string1).digest('hex');
}
