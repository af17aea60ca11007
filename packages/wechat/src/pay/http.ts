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
    const payload = body === undefined ? '' : JSON.stringify(body);
    const endpoint = pathWithQuery.split('?')[0]!;
    const res = await this.http.request(endpoint, this.baseUrl + pathWithQuery, {
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
