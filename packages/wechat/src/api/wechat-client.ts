import { createApiContext, type ApiCaller, type WechatClientOptions } from './client';
import { JssdkApi } from './jssdk';
import { MediaApi } from './media';
import { MenuApi } from './menu';
import { CustomServiceApi, SubscribeMessageApi, TemplateMessageApi } from './messages';
import { QrCodeApi } from './qrcode';
import type { AccessTokenManager } from './token';
import { UserApi } from './user';

/** The Official Account API client, one service per area (as WxJava's WxMpService). */
export class WechatClient {
  readonly appId: string;
  /** Authenticated calls with the token retry; for endpoints this library does not wrap. */
  readonly caller: ApiCaller;
  readonly tokens: AccessTokenManager;
  readonly menu: MenuApi;
  readonly qrcode: QrCodeApi;
  readonly template: TemplateMessageApi;
  readonly subscribe: SubscribeMessageApi;
  readonly customService: CustomServiceApi;
  readonly user: UserApi;
  readonly media: MediaApi;
  readonly jssdk: JssdkApi;

  constructor(options: WechatClientOptions) {
    const ctx = createApiContext(options);
    this.appId = ctx.appId;
    this.caller = ctx.caller;
    this.tokens = ctx.caller.tokens;
    this.menu = new MenuApi(ctx.caller);
    this.qrcode = new QrCodeApi(ctx.caller, ctx.mpBaseUrl);
    this.template = new TemplateMessageApi(ctx.caller);
    this.subscribe = new SubscribeMessageApi(ctx.caller);
    this.customService = new CustomServiceApi(ctx.caller);
    this.user = new UserApi(ctx.caller);
    this.media = new MediaApi(ctx.caller);
    this.jssdk = new JssdkApi(ctx.caller, ctx.appId, ctx.clock, ctx.store, ctx.lock, ctx.keyPrefix);
  }
}
