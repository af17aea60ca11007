import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptResource } from '../src/pay/aesgcm';
import { rsaSign, rsaVerify, signatureMessage } from '../src/pay/signer';

// A stand-in for api.mch.weixin.qq.com: it checks the merchant's Authorization signature with
// the merchant public key, keeps orders and refunds, signs every answer with the platform key
// and builds notifications the way WeChat Pay does. Test-only.

export interface PlatformSigner {
  /** Certificate serial or `PUB_KEY_ID_…`. */
  serial: string;
  privateKey: KeyObject;
}

interface Order {
  appid: string;
  mchid: string;
  out_trade_no: string;
  description: string;
  total: number;
  openid: string;
  state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transaction_id?: string;
  prepay_id: string;
}

export class FakePay {
  /** Certificates served by /v3/certificates (PEM and serial), encrypted on the way out. */
  certificates: Array<{ serial: string; pem: string }> = [];
  certificateDownloads = 0;
  /** Answers are signed with this key unless a test overrides `answerSigner`. */
  answerSigner: PlatformSigner;
  /** When set, answers are signed with this key while claiming `signer.serial` (forgery). */
  forgeWith: KeyObject | undefined;
  /** Seconds added to the Wechatpay-Timestamp of answers. */
  clockSkewSeconds = 0;
  readonly orders = new Map<string, Order>();
  readonly refunds = new Map<string, Record<string, unknown>>();
  readonly authorizations: string[] = [];
  /** Bill files by `date/type` (e.g. `2026-01-01/ALL`); a missing one answers NO_STATEMENT_EXIST. */
  readonly bills = new Map<string, string | Buffer>();
  /** When set, /v3/bill/tradebill answers this error. */
  billError: { status: number; code: string; message: string } | undefined;
  /** When set, /v3/bill/tradebill announces this hash instead of the file's. */
  billHashOverride: string | undefined;
  /** When set, download_url points to this origin instead of ours. */
  billDownloadOrigin: string | undefined;
  /** Paths with query of the bill downloads served. */
  readonly billDownloads: string[] = [];
  private readonly billFiles = new Map<string, Buffer>();
  private server: Server | undefined;
  baseUrl = '';

  constructor(
    readonly mchId: string,
    private readonly merchantPublicKey: KeyObject,
    readonly apiV3Key: string,
    signer: PlatformSigner,
  ) {
    this.answerSigner = signer;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** The payer completes payment of an order, as in the WeChat app. */
  pay(outTradeNo: string): Order {
    const order = this.orders.get(outTradeNo)!;
    order.state = 'SUCCESS';
    order.transaction_id = `42000${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    return order;
  }

  /** The transaction JSON WeChat Pay shows for an order. */
  transactionJson(order: Order): Record<string, unknown> {
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.out_trade_no,
      trade_state: order.state,
      trade_state_desc: order.state === 'SUCCESS' ? '支付成功' : '未支付',
      ...(order.transaction_id
        ? {
            transaction_id: order.transaction_id,
            trade_type: 'JSAPI',
            bank_type: 'OTHERS',
            success_time: '2026-01-01T10:00:00+08:00',
            payer: { openid: order.openid },
            amount: {
              total: order.total,
              payer_total: order.total,
              currency: 'CNY',
              payer_currency: 'CNY',
            },
          }
        : { amount: { total: order.total, currency: 'CNY' } }),
    };
  }

  /** Builds a signed, encrypted notification as WeChat Pay would POST it. */
  notification(
    eventType: string,
    resource: unknown,
    options: { timestamp?: number; signer?: PlatformSigner; apiV3Key?: string } = {},
  ): { headers: Record<string, string>; body: string } {
    const nonce = randomBytes(6).toString('hex');
    const associatedData = eventType.startsWith('REFUND') ? 'refund' : 'transaction';
    const body = JSON.stringify({
      id: `EV-${randomBytes(8).toString('hex')}`,
      create_time: '2026-01-01T10:00:01+08:00',
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType === 'TRANSACTION.SUCCESS' ? '支付成功' : '退款成功',
      resource: {
        original_type: associatedData,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: encryptResource(
          options.apiV3Key ?? this.apiV3Key,
          JSON.stringify(resource),
          nonce,
          associatedData,
        ),
        associated_data: associatedData,
        nonce,
      },
    });
    return { headers: this.signedHeaders(body, options), body };
  }

  signedHeaders(
    body: string,
    options: { timestamp?: number; signer?: PlatformSigner } = {},
  ): Record<string, string> {
    const signer = options.signer ?? this.answerSigner;
    const timestamp = String(
      options.timestamp ?? Math.floor(Date.now() / 1000) + this.clockSkewSeconds,
    );
    const nonce = randomBytes(16).toString('hex');
    const key = this.forgeWith ?? signer.privateKey;
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': signer.serial,
      'wechatpay-signature': rsaSign(signatureMessage(timestamp, nonce, body), key),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const reply = (status: number, json?: unknown) => {
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, {
        ...(text ? { 'content-type': 'application/json' } : {}),
        ...this.signedHeaders(text),
      });
      res.end(text);
    };
    const pathWithQuery = req.url ?? '/';
    if (!this.authorized(req.method ?? 'GET', pathWithQuery, body, req.headers.authorization)) {
      return reply(401, { code: 'SIGN_ERROR', message: '签名错误' });
    }
    const url = new URL(pathWithQuery, 'http://x');
    const path = url.pathname;
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && path === '/v3/certificates') {
      this.certificateDownloads++;
      return reply(200, {
        data: this.certificates.map((c) => {
          const nonce = randomBytes(6).toString('hex');
          return {
            serial_no: c.serial,
            effective_time: '2026-01-01T00:00:00+08:00',
            expire_time: '2031-01-01T00:00:00+08:00',
            encrypt_certificate: {
              algorithm: 'AEAD_AES_256_GCM',
              nonce,
              associated_data: 'certificate',
              ciphertext: encryptResource(this.apiV3Key, c.pem, nonce, 'certificate'),
            },
          };
        }),
      });
    }
    if (req.method === 'GET' && path === '/v3/bill/tradebill') {
      if (this.billError) {
        const { status, code, message } = this.billError;
        return reply(status, { code, message });
      }
      const date = url.searchParams.get('bill_date') ?? '';
      const file = this.bills.get(`${date}/${url.searchParams.get('bill_type') ?? 'ALL'}`);
      if (file === undefined) {
        return reply(400, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' });
      }
      const bytes = Buffer.from(file);
      const token = randomBytes(16).toString('hex');
      const gzip = url.searchParams.get('tar_type') === 'GZIP';
      this.billFiles.set(token, gzip ? gzipSync(bytes) : bytes);
      return reply(200, {
        hash_type: 'SHA1',
        hash_value: this.billHashOverride ?? createHash('sha1').update(bytes).digest('hex'),
        download_url: `${this.billDownloadOrigin ?? this.baseUrl}/v3/billdownload/file?token=${token}`,
      });
    }
    if (req.method === 'GET' && path === '/v3/billdownload/file') {
      const file = this.billFiles.get(url.searchParams.get('token') ?? '');
      if (!file) return reply(400, { code: 'INVALID_REQUEST', message: '下载地址已失效' });
      this.billDownloads.push(pathWithQuery);
      // The file itself is not signed, as on WeChat Pay.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(file);
    }
    if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi') {
      const amount = json['amount'] as { total: unknown; currency: unknown };
      if (
        json['mchid'] !== this.mchId ||
        !Number.isInteger(amount?.total) ||
        amount.currency !== 'CNY'
      ) {
        return reply(400, { code: 'PARAM_ERROR', message: '参数错误' });
      }
      const outTradeNo = json['out_trade_no'] as string;
      if (this.orders.has(outTradeNo))
        return reply(400, { code: 'ORDER_EXISTS', message: 'duplicate' });
      const order: Order = {
        appid: json['appid'] as string,
        mchid: this.mchId,
        out_trade_no: outTradeNo,
        description: json['description'] as string,
        total: amount.total as number,
        openid: (json['payer'] as { openid: string }).openid,
        state: 'NOTPAY',
        prepay_id: `wx${randomBytes(12).toString('hex')}`,
      };
      this.orders.set(outTradeNo, order);
      return reply(200, { prepay_id: order.prepay_id });
    }
    if (
      req.method === 'GET' &&
      (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))
    ) {
      const order = this.orders.get(decodeURIComponent(m[1]!));
      if (!order || url.searchParams.get('mchid') !== this.mchId)
        return reply(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return reply(200, this.transactionJson(order));
    }
    if (req.method === 'GET' && (m = /^\/v3\/pay\/transactions\/id\/([^/]+)$/.exec(path))) {
      const order = [...this.orders.values()].find((o) => o.transaction_id === m![1]);
      if (!order) return reply(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      return reply(200, this.transactionJson(order));
    }
    if (
      req.method === 'POST' &&
      (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))
    ) {
      const order = this.orders.get(decodeURIComponent(m[1]!));
      if (!order) return reply(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      if (order.state === 'SUCCESS')
        return reply(400, { code: 'ORDERPAID', message: '订单已支付' });
      order.state = 'CLOSED';
      return reply(204);
    }
    if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const order = this.orders.get(json['out_trade_no'] as string);
      const amount = json['amount'] as { refund: number; total: number };
      if (!order || order.state !== 'SUCCESS')
        return reply(404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
      if (amount.total !== order.total || amount.refund > order.total)
        return reply(400, { code: 'PARAM_ERROR', message: '金额错误' });
      const refund = {
        refund_id: `50300${randomBytes(6).toString('hex')}`,
        out_refund_no: json['out_refund_no'],
        transaction_id: order.transaction_id,
        out_trade_no: order.out_trade_no,
        channel: 'ORIGINAL',
        user_received_account: '支付用户零钱',
        create_time: '2026-01-01T11:00:00+08:00',
        status: 'PROCESSING',
        amount: {
          total: order.total,
          refund: amount.refund,
          payer_total: order.total,
          payer_refund: amount.refund,
          currency: 'CNY',
        },
      };
      this.refunds.set(json['out_refund_no'] as string, refund);
      return reply(200, refund);
    }
    if (req.method === 'GET' && (m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path))) {
      const refund = this.refunds.get(decodeURIComponent(m[1]!));
      if (!refund) return reply(404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return reply(200, {
        ...refund,
        status: 'SUCCESS',
        success_time: '2026-01-01T11:00:05+08:00',
      });
    }
    return reply(404, { code: 'NOT_FOUND', message: 'no such endpoint' });
  }

  /** Checks the WECHATPAY2-SHA256-RSA2048 header as WeChat Pay does. */
  private authorized(
    method: string,
    pathWithQuery: string,
    body: string,
    header: string | undefined,
  ): boolean {
    if (!header?.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return false;
    this.authorizations.push(header);
    const fields = Object.fromEntries(
      [...header.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    ) as Record<string, string>;
    if (fields['mchid'] !== this.mchId || !fields['serial_no']) return false;
    if (Math.abs(Number(fields['timestamp']) - Date.now() / 1000) > 300) return false;
    const message = signatureMessage(
      method,
      pathWithQuery,
      fields['timestamp']!,
      fields['nonce_str']!,
      body,
    );
    return rsaVerify(message, fields['signature']!, this.merchantPublicKey);
  }
}
