// Test helpers that play the hospital's side (Official Account server, merchant) with plain
// Node HTTP and crypto, written here rather than borrowed from packages/wechat.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type SandboxConfig } from '../index';

/** Key pairs for the merchant and the platform, generated once per test file. */
export interface Keys {
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
}

/** Generates fresh RSA-2048 key pairs. */
export function generateKeys(): Keys {
  const pair = () =>
    generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
  const merchant = pair();
  const platform = pair();
  return {
    merchantPrivateKeyPem: merchant.privateKey,
    merchantPublicKeyPem: merchant.publicKey,
    platformPrivateKeyPem: platform.privateKey,
    platformPublicKeyPem: platform.publicKey,
  };
}

/** A self-signed certificate for `privateKeyPem`, made with the openssl command. */
export function selfSignedCertificate(privateKeyPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-cert-'));
  writeFileSync(join(dir, 'key.pem'), privateKeyPem);
  execFileSync('openssl', [
    'req',
    '-x509',
    '-new',
    '-key',
    join(dir, 'key.pem'),
    '-subj',
    '/CN=Tenpay.com Root CA',
    '-days',
    '365',
    '-out',
    join(dir, 'cert.pem'),
  ]);
  return readFileSync(join(dir, 'cert.pem'), 'utf8');
}

/** A request received by a fake server. */
export interface Received {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  /** Real time of arrival in ms. */
  at: number;
}

/** How a fake server answers; may delay or never answer. */
export type Handler = (
  req: Received,
  res: ServerResponse,
) => Answer | void | Promise<Answer | void>;

/** A simple answer: status, body, and optionally its type or a redirect. */
export interface Answer {
  status?: number;
  body?: string;
  type?: string;
  location?: string;
}

/** A small HTTP server standing in for the hospital's server. */
export interface FakeServer {
  url: string;
  received: Received[];
  handler: Handler;
  close(): Promise<void>;
}

/** Starts a fake server on an ephemeral port. */
export async function startServer(handler: Handler): Promise<FakeServer> {
  const fake: FakeServer = { url: '', received: [], handler, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const received: Received = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://localhost'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      fake.received.push(received);
      const answer = await fake.handler(received, res);
      if (answer && !res.headersSent) {
        res.writeHead(answer.status ?? 200, {
          'content-type': answer.type ?? 'text/plain',
          ...(answer.location ? { location: answer.location } : {}),
        });
        res.end(answer.body ?? '');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Official-vector-sized secrets; keys come from `generateKeys`. */
export function baseConfig(keys: Keys, overrides: Partial<SandboxConfig> = {}): SandboxConfig {
  return {
    port: 0,
    appId: 'wx5823bf96d3bd56c7',
    appSecret: 'sandbox-secret-0123456789abcdef',
    token: 'QDG6eK',
    encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    messageMode: 'plain',
    callbackUrl: 'http://127.0.0.1:9/unused',
    templates: [
      {
        templateId: 'tpl-appointment-ok',
        title: '预约成功通知',
        content: '就诊人：{{keyword1.DATA}}\n就诊时间：{{keyword2.DATA}}',
      },
    ],
    mchId: '1900000109',
    merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    merchantPublicKeyPem: keys.merchantPublicKeyPem,
    apiV3Key: 'abcdefghijklmnopqrstuvwxyz012345',
    platformPrivateKeyPem: keys.platformPrivateKeyPem,
    platformPublicKeyId: 'PUB_KEY_ID_0119000001092024010100000000000000',
    payMode: 'publicKey',
    timeScale: 0.001,
    replyTimeoutMs: 300,
    ...overrides,
  };
}

/** Starts a sandbox for one test and returns helpers bound to it. */
export async function sandbox(config: SandboxConfig) {
  const running = await createSandbox(config);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(running.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json: json as Record<string, unknown> & Array<unknown>, res };
  };
  const token = async () => {
    const r = await call(
      'GET',
      `/cgi-bin/token?grant_type=client_credential&appid=${config.appId}&secret=${config.appSecret}`,
    );
    return r.json.access_token as string;
  };
  return { ...running, call, token };
}

/** sha1 over sorted parts, computed here independently of the sandbox's code. */
export function sha1Sorted(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Reads the server-side of an encrypted push (the server's own decryption). */
export function decryptPush(encodingAESKey: string, encrypted: string): string {
  const key = Buffer.from(encodingAESKey + '=', 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
  const body = plain.subarray(0, plain.length - plain[plain.length - 1]!);
  const len = body.readUInt32BE(16);
  return body.subarray(20, 20 + len).toString('utf8');
}

/** Encrypts a reply as the server would in safe mode. */
export function encryptReply(encodingAESKey: string, appId: string, xml: string): string {
  const key = Buffer.from(encodingAESKey + '=', 'base64');
  const msg = Buffer.from(xml);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const raw = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appId)]);
  const pad = 32 - (raw.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([
    c.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])),
    c.final(),
  ]).toString('base64');
}

/** The first value of a flat XML field, read with a regular expression (independent parser). */
export function field(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Signs and sends a WeChat Pay v3 request as the merchant. */
export async function merchantRequest(
  baseUrl: string,
  keys: Keys,
  config: SandboxConfig,
  method: string,
  path: string,
  body?: unknown,
  tamper?: (message: string) => string,
) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  let message = `${method}\n${path}\n${timestamp}\n${nonce}\n${text}\n`;
  if (tamper) message = tamper(message);
  const signature = createSign('RSA-SHA256')
    .update(message)
    .sign(keys.merchantPrivateKeyPem, 'base64');
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${config.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.merchantSerialNo}"`,
    },
    body: body === undefined ? undefined : text,
  });
  const raw = await res.text();
  return {
    status: res.status,
    raw,
    json: (raw ? JSON.parse(raw) : null) as Record<string, unknown>,
    headers: res.headers,
  };
}

/** Verifies a platform signature over `timestamp\nnonce\nbody\n`. */
export function platformSignatureValid(
  publicKeyPem: string,
  headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>,
  body: string,
): boolean {
  const get = (n: string) =>
    'get' in headers && typeof headers.get === 'function'
      ? (headers.get(n) ?? '')
      : String((headers as Record<string, unknown>)[n.toLowerCase()] ?? '');
  return createVerify('RSA-SHA256')
    .update(`${get('Wechatpay-Timestamp')}\n${get('Wechatpay-Nonce')}\n${body}\n`)
    .verify(publicKeyPem, get('Wechatpay-Signature'), 'base64');
}

/** Decrypts an AEAD_AES_256_GCM resource with the APIv3 key. */
export function decryptResource(
  apiV3Key: string,
  r: { ciphertext: string; nonce: string; associated_data: string },
): string {
  const data = Buffer.from(r.ciphertext, 'base64');
  const d = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(r.nonce));
  d.setAAD(Buffer.from(r.associated_data));
  d.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
}

/** Signs getBrandWCPayRequest parameters with the merchant key, as the server would. */
export function paySign(keys: Keys, appId: string, prepayId: string) {
  const timeStamp = String(Math.floor(Date.now() / 1000));
  const nonceStr = randomBytes(8).toString('hex');
  const pkg = `prepay_id=${prepayId}`;
  const sign = createSign('RSA-SHA256')
    .update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`)
    .sign(keys.merchantPrivateKeyPem, 'base64');
  return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: sign };
}

/** Polls until `check` returns a value, or fails after `ms`. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  ms = 5000,
) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
