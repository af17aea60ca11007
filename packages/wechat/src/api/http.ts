import {
  WechatApiError,
  WechatNetworkError,
  WechatResponseError,
  WechatTimeoutError,
} from '../errors';

// The one place where this library talks HTTP. Every failure leaves as a typed error naming the
// endpoint path (never the full URL, which carries access tokens and secrets).

/** The `fetch` signature the library needs; the global one by default. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Transport options shared by all clients. */
export interface HttpOptions {
  /** Replaces the global fetch (tests, proxies, instrumentation). */
  fetch?: FetchLike;
  /** Per-request timeout covering connection, headers and body. Default 10 000 ms. */
  timeoutMs?: number;
  /** Largest accepted response body. Default 20 MiB (temporary media is at most 10 MB). */
  maxResponseBytes?: number;
}

/** A fully read response. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Sends requests with a timeout and turns transport failures into typed errors. */
export class HttpClient {
  private readonly fetchFn: FetchLike;
  readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(options: HttpOptions = {}) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 20 * 1024 * 1024;
  }

  /** Sends a request and reads the whole body; `endpoint` names it in errors. */
  async request(endpoint: string, url: string, init: RequestInit = {}): Promise<HttpResponse> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const res = await this.fetchFn(url, { ...init, signal, redirect: 'error' });
      const body = await this.readBody(endpoint, res);
      return { status: res.status, headers: res.headers, body };
    } catch (e) {
      if (e instanceof WechatResponseError) throw e;
      if (signal.aborted || (e instanceof Error && e.name === 'TimeoutError')) {
        throw new WechatTimeoutError(endpoint, this.timeoutMs);
      }
      throw new WechatNetworkError(endpoint, e);
    }
  }

  /**
   * Sends a request to the Official Account API and returns its JSON, throwing WechatApiError
   * when `errcode` is present and non-zero.
   */
  async json<T>(endpoint: string, url: string, init: RequestInit = {}): Promise<T> {
    const res = await this.request(endpoint, url, init);
    return parseWechatJson<T>(endpoint, res);
  }

  private async readBody(endpoint: string, res: Response): Promise<Buffer> {
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > this.maxResponseBytes) {
      await res.body?.cancel();
      throw new WechatResponseError(res.status, endpoint, 'response body too large');
    }
    if (!res.body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.maxResponseBytes) {
        await reader.cancel();
        throw new WechatResponseError(res.status, endpoint, 'response body too large');
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
    return Buffer.concat(chunks, total);
  }
}

/** Parses a WeChat JSON answer and raises its errcode, if any. */
export function parseWechatJson<T>(endpoint: string, res: HttpResponse): T {
  if (res.status !== 200) {
    throw new WechatResponseError(res.status, endpoint, `unexpected HTTP status ${res.status}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new WechatResponseError(res.status, endpoint, 'response is not JSON');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new WechatResponseError(res.status, endpoint, 'response is not a JSON object');
  }
  raiseErrcode(endpoint, data as Record<string, unknown>);
  return data as T;
}

/** Throws WechatApiError when a parsed answer carries a non-zero errcode. */
export function raiseErrcode(endpoint: string, data: Record<string, unknown>): void {
  const errcode = data['errcode'];
  if (errcode !== undefined && errcode !== 0) {
    const code = typeof errcode === 'number' ? errcode : Number(errcode);
    const errmsg = typeof data['errmsg'] === 'string' ? data['errmsg'] : '';
    throw new WechatApiError(Number.isFinite(code) ? code : -1, errmsg, endpoint);
  }
}

/** Builds `base + path?query`, dropping undefined values. */
export function buildUrl(
  base: string,
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

/** Request init for a JSON POST. WeChat wants raw UTF-8, not \u-escaped Chinese, which JSON does. */
export function jsonPost(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}
