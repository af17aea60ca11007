import type { JssdkConfig } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { DomainError } from '../../http/errors';

/**
 * Signs `wx.config` for one of our own pages. Other URLs are refused: the signature is only useful
 * for pages on the account's JS-safe domain, and we do not sign for pages we do not serve.
 */
export async function jssdkConfig(deps: Deps, url: string): Promise<JssdkConfig> {
  if (!deps.wechat) throw new DomainError('WECHAT_NOT_CONFIGURED');
  const ours = `${deps.config.publicUrl}/`;
  if (!url.startsWith(ours)) throw new DomainError('VALIDATION_FAILED', { field: 'url' });
  const config = await deps.wechat.client.jssdk.buildConfig(url.split('#')[0]!);
  return {
    scriptUrl: deps.wechat.config.jssdkUrl,
    appId: config.appId,
    timestamp: config.timestamp,
    nonceStr: config.nonceStr,
    signature: config.signature,
  };
}
