import { HttpClient, buildUrl, type HttpOptions } from '../api/http';
import { OAuthCodeError, WechatApiError, WechatArgumentError } from '../errors';

// OAuth2 web authorization (网页授权) for pages opened inside WeChat. `snsapi_base` is silent and
// yields the OpenID; `snsapi_userinfo` shows a consent page and also allows /sns/userinfo.

/** Scope of the authorization. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** Options of the OAuth client. */
export interface OAuthOptions extends HttpOptions {
  appId: string;
  secret: string;
  /** Default `https://api.weixin.qq.com`. */
  apiBaseUrl?: string;
  /** Default `https://open.weixin.qq.com`. */
  openBaseUrl?: string;
}

/** The result of exchanging a code (or refreshing). */
export interface OAuthToken {
  /** Web access token: only for /sns/userinfo, not the account's access_token. */
  accessToken: string;
  expiresIn: number;
  /** Valid 30 days. */
  refreshToken: string;
  openid: string;
  scope: string;
  /** Present when the account is bound to an Open Platform account. */
  unionid?: string;
  /** The user is browsing a snapshot page (朋友圈快照) and has not really authorised. */
  isSnapshotUser: boolean;
}

/** `/sns/userinfo`, available with `snsapi_userinfo`. */
export interface OAuthUserInfo {
  openid: string;
  nickname: string;
  /** 0 since WeChat stopped disclosing it. */
  sex: number;
  province: string;
  city: string;
  country: string;
  headimgurl: string;
  privilege: string[];
  unionid?: string;
}

// 40029 invalid code, 40163 code been used, 41008 missing code.
const CODE_ERRCODES = new Set([40029, 40163, 41008]);

interface RawToken {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  unionid?: string;
  is_snapshotuser?: number;
}

function toToken(raw: RawToken): OAuthToken {
  return {
    accessToken: raw.access_token,
    expiresIn: raw.expires_in,
    refreshToken: raw.refresh_token,
    openid: raw.openid,
    scope: raw.scope,
    ...(raw.unionid !== undefined ? { unionid: raw.unionid } : {}),
    isSnapshotUser: raw.is_snapshotuser === 1,
  };
}

/** OAuth2 web authorization client. */
export class OAuthClient {
  private readonly http: HttpClient;
  private readonly apiBaseUrl: string;
  private readonly openBaseUrl: string;

  constructor(private readonly options: OAuthOptions) {
    this.http = new HttpClient(options);
    this.apiBaseUrl = options.apiBaseUrl ?? 'https://api.weixin.qq.com';
    this.openBaseUrl = options.openBaseUrl ?? 'https://open.weixin.qq.com';
  }

  /**
   * The URL to send the browser to. WeChat insists on this parameter order and on the
   * `#wechat_redirect` fragment; `state` is up to 128 letters and digits.
   */
  authorizeUrl(params: { redirectUri: string; scope?: OAuthScope; state?: string }): string {
    const state = params.state ?? '';
    if (!/^[A-Za-z0-9]{0,128}$/.test(state)) {
      throw new WechatArgumentError('state is at most 128 letters and digits');
    }
    const base = this.openBaseUrl.replace(/\/+$/, '');
    return (
      `${base}/connect/oauth2/authorize?appid=${encodeURIComponent(this.options.appId)}` +
      `&redirect_uri=${encodeURIComponent(params.redirectUri)}&response_type=code` +
      `&scope=${params.scope ?? 'snsapi_base'}&state=${state}#wechat_redirect`
    );
  }

  /** Exchanges the `code` WeChat appended to the redirect; a spent or bad code gives OAuthCodeError. */
  async exchangeCode(code: string): Promise<OAuthToken> {
    const endpoint = '/sns/oauth2/access_token';
    const url = buildUrl(this.apiBaseUrl, endpoint, {
      appid: this.options.appId,
      secret: this.options.secret,
      code,
      grant_type: 'authorization_code',
    });
    try {
      return toToken(await this.http.json<RawToken>(endpoint, url));
    } catch (e) {
      if (e instanceof WechatApiError && CODE_ERRCODES.has(e.errcode)) {
        throw new OAuthCodeError(e.errcode, e.errmsg, endpoint);
      }
      throw e;
    }
  }

  /** Renews a web access token with its refresh token. */
  async refresh(refreshToken: string): Promise<OAuthToken> {
    const endpoint = '/sns/oauth2/refresh_token';
    const url = buildUrl(this.apiBaseUrl, endpoint, {
      appid: this.options.appId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    return toToken(await this.http.json<RawToken>(endpoint, url));
  }

  /** The user's profile (needs `snsapi_userinfo`). */
  async userInfo(accessToken: string, openid: string, lang = 'zh_CN'): Promise<OAuthUserInfo> {
    const endpoint = '/sns/userinfo';
    const url = buildUrl(this.apiBaseUrl, endpoint, { access_token: accessToken, openid, lang });
    const r = await this.http.json<OAuthUserInfo>(endpoint, url);
    return {
      openid: r.openid,
      nickname: r.nickname ?? '',
      sex: r.sex ?? 0,
      province: r.province ?? '',
      city: r.city ?? '',
      country: r.country ?? '',
      headimgurl: r.headimgurl ?? '',
      privilege: r.privilege ?? [],
      ...(r.unionid !== undefined ? { unionid: r.unionid } : {}),
    };
  }
}
