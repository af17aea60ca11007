import { systemClock, type Clock } from '../core';
import { WechatApiError } from '../errors';
import {
  buildUrl,
  HttpClient,
  jsonPost,
  parseWechatJson,
  type HttpOptions,
  type HttpResponse,
} from './http';
import {
  AccessTokenManager,
  MemoryLock,
  MemoryTokenStore,
  type Lock,
  type TokenStore,
} from './token';

/** errcodes meaning "this access_token is no good": invalid credential, invalid token, expired. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

type Query = Record<string, string | number | undefined>;

/**
 * Calls Official Account APIs with the access_token, and when WeChat says the token is invalid
 * (40001, 40014, 42001) drops it and retries once with a fresh one.
 */
export class ApiCaller {
  constructor(
    readonly http: HttpClient,
    readonly baseUrl: string,
    readonly tokens: AccessTokenManager,
  ) {}

  /** GET `path` with the token; returns the JSON answer. */
  getJson<T>(path: string, query: Query = {}): Promise<T> {
    return this.withToken((token) =>
      this.http.json<T>(path, buildUrl(this.baseUrl, path, { ...query, access_token: token })),
    );
  }

  /** POST JSON to `path` with the token; returns the JSON answer. */
  postJson<T>(path: string, body: unknown, query: Query = {}): Promise<T> {
    return this.withToken((token) =>
      this.http.json<T>(
        path,
        buildUrl(this.baseUrl, path, { ...query, access_token: token }),
        jsonPost(body),
      ),
    );
  }

  /** Sends a request with the token and returns the raw response (media download, upload). */
  raw(path: string, query: Query, init: RequestInit = {}): Promise<HttpResponse> {
    return this.withToken(async (token) => {
      const res = await this.http.request(
        path,
        buildUrl(this.baseUrl, path, { ...query, access_token: token }),
        init,
      );
      // Binary endpoints answer errors as JSON; raise them here so the token retry sees them.
      const type = res.headers.get('content-type') ?? '';
      if (res.status !== 200 || type.includes('json') || type.startsWith('text/plain')) {
        parseWechatJson<unknown>(path, res);
      }
      return res;
    });
  }

  /** Runs `call` with a token; on a token errcode, invalidates it and runs `call` once more. */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.getToken();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof WechatApiError) || !TOKEN_ERRCODES.has(e.errcode)) throw e;
      await this.tokens.invalidate(token);
      return call(await this.tokens.getToken());
    }
  }
}

/** Options shared by the Official Account API client. */
export interface WechatClientOptions extends HttpOptions {
  appId: string;
  secret: string;
  /** Default `https://api.weixin.qq.com`. */
  baseUrl?: string;
  /** Host of the `showqrcode` image URL. Default `https://mp.weixin.qq.com`. */
  mpBaseUrl?: string;
  /** Shared token store; default in-memory. */
  tokenStore?: TokenStore;
  /** Cross-process lock for token refresh; default in-process. */
  lock?: Lock;
  clock?: Clock;
  /** Use `/cgi-bin/stable_token`. */
  useStableToken?: boolean;
  /** Stop using a token this long before it expires. Default 300 s. */
  tokenSafetyMarginSeconds?: number;
  /** Prefix of store keys. Default `wechat`. */
  keyPrefix?: string;
}

/** Resolved pieces the API areas share. */
export interface ApiContext {
  appId: string;
  caller: ApiCaller;
  clock: Clock;
  store: TokenStore;
  lock: Lock;
  keyPrefix: string;
  mpBaseUrl: string;
}

/** Builds the shared context of the API areas from client options. */
export function createApiContext(options: WechatClientOptions): ApiContext {
  const http = new HttpClient(options);
  const clock = options.clock ?? systemClock;
  const store = options.tokenStore ?? new MemoryTokenStore();
  const lock = options.lock ?? new MemoryLock();
  const keyPrefix = options.keyPrefix ?? 'wechat';
  const baseUrl = options.baseUrl ?? 'https://api.weixin.qq.com';
  const tokens = new AccessTokenManager({
    appId: options.appId,
    secret: options.secret,
    http,
    baseUrl,
    store,
    lock,
    clock,
    keyPrefix,
    ...(options.useStableToken !== undefined ? { useStableToken: options.useStableToken } : {}),
    ...(options.tokenSafetyMarginSeconds !== undefined
      ? { safetyMarginSeconds: options.tokenSafetyMarginSeconds }
      : {}),
  });
  return {
    appId: options.appId,
    caller: new ApiCaller(http, baseUrl, tokens),
    clock,
    store,
    lock,
    keyPrefix,
    mpBaseUrl: options.mpBaseUrl ?? 'https://mp.weixin.qq.com',
  };
}
