import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small stand-in for api.weixin.qq.com, good enough to test the client against real HTTP: it
// issues access tokens, refuses unknown or revoked ones with 40001 like WeChat does, and serves
// the endpoints the tests register. Test-only.

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export class FakeWechat {
  readonly appId = 'wx_fake_app_000001';
  readonly secret = 'fake-secret-0000000000000000000';
  /** Calls of /cgi-bin/token. */
  tokenFetches = 0;
  /** Calls of /cgi-bin/stable_token. */
  stableTokenFetches = 0;
  /** Delay before answering a token request (to make concurrent callers overlap). */
  tokenDelayMs = 0;
  /** `expires_in` of issued tokens. */
  expiresIn = 7200;
  /** Every request received, in order. */
  readonly requests: FakeRequest[] = [];
  private readonly validTokens = new Set<string>();
  private issued = 0;
  private readonly routes = new Map<string, FakeHandler>();
  private server: Server | undefined;
  baseUrl = '';

  /** Registers a handler for `METHOD /path`; it runs after the access_token check. */
  on(method: string, path: string, handler: FakeHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  /** Makes every issued token invalid, as after expiry or a refresh by someone else. */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  /** Starts listening on 127.0.0.1 on an ephemeral port. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private issueToken(): { access_token: string; expires_in: number } {
    const token = `ACCESS_TOKEN_${++this.issued}`;
    this.validTokens.add(token);
    return { access_token: token, expires_in: this.expiresIn };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let json: unknown;
    try {
      json = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      json = undefined;
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json,
    };
    this.requests.push(request);
    const reply = await this.route(request);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    const payload =
      reply.json !== undefined ? Buffer.from(JSON.stringify(reply.json)) : (reply.body ?? '');
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.json !== undefined ? 'application/json; encoding=utf-8' : 'text/plain',
      ...reply.headers,
    });
    res.end(payload);
  }

  private async route(req: FakeRequest): Promise<FakeReply> {
    if (req.path === '/cgi-bin/token') {
      this.tokenFetches++;
      if (req.query.get('appid') !== this.appId) {
        return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      }
      if (req.query.get('secret') !== this.secret) {
        return { json: { errcode: 40125, errmsg: 'invalid appsecret' } };
      }
      return { json: this.issueToken(), delayMs: this.tokenDelayMs };
    }
    if (req.path === '/cgi-bin/stable_token' && req.method === 'POST') {
      this.stableTokenFetches++;
      const b = req.json as { appid?: string; secret?: string; grant_type?: string };
      if (
        b?.grant_type !== 'client_credential' ||
        b.appid !== this.appId ||
        b.secret !== this.secret
      ) {
        return { json: { errcode: 40125, errmsg: 'invalid appsecret' } };
      }
      return { json: this.issueToken(), delayMs: this.tokenDelayMs };
    }
    const handler = this.routes.get(`${req.method} ${req.path}`);
    if (!handler) return { status: 404, body: 'not found' };
    const token = req.query.get('access_token');
    if (req.path.startsWith('/cgi-bin/') && (!token || !this.validTokens.has(token))) {
      return {
        json: {
          errcode: 40001,
          errmsg: 'invalid credential, access_token is invalid or not latest',
        },
      };
    }
    return handler(req);
  }
}
