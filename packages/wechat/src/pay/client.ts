import type { KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '../core';
import type { HttpOptions } from '../api/http';
import { BillsApi } from './bills';
import { PlatformCertificates } from './certificates';
import { PayHttp } from './http';
import { PayNotifications } from './notifications';
import { RefundsApi } from './refunds';
import { PayRequestSigner } from './signer';
import { TransactionsApi } from './transactions';
import { PublicKeyVerifier, type PayVerifier } from './verifier';
import { WechatArgumentError } from '../errors';

/** How WeChat Pay's signatures are checked. */
export type PayVerification =
  /** 微信支付公钥 mode: the key downloaded from the merchant platform and its `PUB_KEY_ID_…`. */
  | { mode: 'publicKey'; publicKeyId: string; publicKey: string | KeyObject }
  /** Platform-certificate mode: certificates downloaded from /v3/certificates and rotated. */
  | { mode: 'certificates'; refreshIntervalMs?: number; minRefreshIntervalMs?: number }
  /** Anything else, e.g. a CompositeVerifier during a migration. */
  | { mode: 'custom'; verifier: PayVerifier };

/** Options of the WeChat Pay client. */
export interface PayClientOptions extends HttpOptions {
  /** 商户号. */
  mchId: string;
  /** Serial number of the merchant API certificate. */
  merchantSerialNo: string;
  /** Merchant API private key, PEM or KeyObject. */
  privateKey: string | KeyObject;
  /** The 32-character APIv3 key. */
  apiV3Key: string;
  verification: PayVerification;
  /** Default `https://api.mch.weixin.qq.com`. */
  baseUrl?: string;
  clock?: Clock;
  /** Accepted clock distance for signed answers and notifications. Default 300 s. */
  timestampWindowSeconds?: number;
}

/** WeChat Pay API v3 client (JSAPI payments, refunds, bills, notifications). */
export class PayClient {
  readonly signer: PayRequestSigner;
  readonly verifier: PayVerifier;
  readonly http: PayHttp;
  readonly transactions: TransactionsApi;
  readonly refunds: RefundsApi;
  readonly bills: BillsApi;
  readonly notifications: PayNotifications;
  /** Present in platform-certificate mode. */
  readonly certificates: PlatformCertificates | undefined;

  constructor(options: PayClientOptions) {
    if (Buffer.byteLength(options.apiV3Key) !== 32) {
      throw new WechatArgumentError('the APIv3 key must be 32 bytes');
    }
    const clock = options.clock ?? systemClock;
    this.signer = new PayRequestSigner(
      { mchId: options.mchId, serialNo: options.merchantSerialNo, privateKey: options.privateKey },
      clock,
    );
    // The verifier is resolved lazily because certificate mode needs `http` to download.
    this.http = new PayHttp(this.signer, () => this.verifier, { ...options, clock });
    const v = options.verification;
    if (v.mode === 'publicKey') {
      this.certificates = undefined;
      this.verifier = new PublicKeyVerifier(v.publicKeyId, v.publicKey);
    } else if (v.mode === 'certificates') {
      this.certificates = new PlatformCertificates({
        download: () => this.http.send('GET', '/v3/certificates'),
        apiV3Key: options.apiV3Key,
        clock,
        ...(v.refreshIntervalMs !== undefined ? { refreshIntervalMs: v.refreshIntervalMs } : {}),
        ...(v.minRefreshIntervalMs !== undefined
          ? { minRefreshIntervalMs: v.minRefreshIntervalMs }
          : {}),
      });
      this.verifier = this.certificates;
    } else {
      this.certificates = undefined;
      this.verifier = v.verifier;
    }
    this.transactions = new TransactionsApi(this.http, this.signer);
    this.refunds = new RefundsApi(this.http);
    this.bills = new BillsApi(this.http);
    this.notifications = new PayNotifications({
      apiV3Key: options.apiV3Key,
      verifier: this.verifier,
      clock,
      ...(options.timestampWindowSeconds !== undefined
        ? { timestampWindowSeconds: options.timestampWindowSeconds }
        : {}),
    });
  }
}
