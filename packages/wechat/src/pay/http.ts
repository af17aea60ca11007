import { nowSeconds, systemClock, type Clock } from '../core';
import { PayApiError, PayFormatError, WechatArgumentError } from '../errors';
import { HttpClient, type HttpOptions, type HttpResponse } from '../api/http';
import type { PayRequestSigner } from './signer';
import { readWechatpayHeaders, verifyWechatpaySignature, type PayVerifier } from './verifier';

/** Sends signed requests to WeChat Pay and verifies the signed answers. */
export class PayHttp {
  private readonly http: HttpClient;
  private readonly baseUrl: string;
  private readonly windowSeconds: number;
  readonly clock: Clock;

  constructor(
    private readonly signer: PayRequestSigner,
    private readonly verifier: () => PayVerifier,
    options: HttpOptions & { baseUrl?: string; clock?: Clock; timestampWindowSeconds?: number },
  ) {
    this.http = new HttpClient(options);
    this.baseUrl = (options.baseUrl ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, '');
    this.clock = options.clock ?? systemClock;
    this.windowSeconds = options.timestampWindowSeconds ?? 300;
  }

  /** Sends a signed request without verifying the answer (used to fetch the certificates). */
  async send(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<HttpResponse> {
    if (!pathWithQuery.startsWith('/v3/'))
      throw new WechatArgumentError('path must start with /v3/');
    return this.signed(method, this.baseUrl + pathWithQuery, pathWithQuery, body);
  }

  /**
   * Downloads a file WeChat Pay named in a signed answer (a bill's `download_url`): the request is
   * signed like any other, the answer is not (WeChat Pay does not sign files), so the caller must
   * check it against a hash from the signed answer. Only URLs on the configured base URL's origin
   * are followed: the request carries our signed Authorization and its bytes will be trusted once
   * the hash matches, so letting an answer send it to any host would turn one forged, misrouted or
   * misconfigured answer into a request from our network to anywhere (SSRF) in our name.
   */
  async download(url: string): Promise<HttpResponse> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new PayFormatError('download_url is not a URL');
    }
    if (target.origin !== new URL(this.baseUrl).origin || !target.pathname.startsWith('/v3/')) {
      // The message names the host only: the query carries a download token.
      throw new PayFormatError(`download_url on ${target.host} is not a /v3/ URL of our Pay host`);
    }
    const pathWithQuery = target.pathname + target.search;
    return this.signed('GET', target.href, pathWithQuery, undefined);
  }

  private async signed(
    method: 'GET' | 'POST',
    url: string,
    pathWithQuery: string,
    body: unknown,
  ): Promise<HttpResponse> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const endpoint = pathWithQuery.split('?')[0]!;
    const res = await this.http.request(endpoint, url, {
      method,
      headers: {
        authorization: this.signer.authorization(method, pathWithQuery, payload),
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: payload }),
    });
    if (res.status >= 300) throw toPayApiError(endpoint, res);
    return res;
  }

  /** Sends a signed request, verifies the answer's signature and returns its JSON (204: undefined). */
  async json<T>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: unknown,
  ): Promise<T | undefined> {
    const res = await this.send(method, pathWithQuery, body);
    const text = res.body.toString('utf8');
    await verifyWechatpaySignature(
      readWechatpayHeaders(res.headers),
      text,
      this.verifier(),
      nowSeconds(this.clock),
      this.windowSeconds,
    );
    if (res.status === 204 || text === '') return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new PayFormatError(`${pathWithQuery.split('?')[0]} answered with invalid JSON`);
    }
  }
}

function toPayApiError(endpoint: string, res: HttpResponse): PayApiError {
  let code = 'HTTP_ERROR';
  let message = '';
  try {
    const parsed = JSON.parse(res.body.toString('utf8')) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'string') code = parsed.code;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    message = res.body.toString('utf8').slice(0, 200);
  }
  return new PayApiError(res.status, code, message, endpoint);
}
