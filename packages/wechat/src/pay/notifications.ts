import { nowSeconds, type Clock } from '../core';
import { PayDecryptError, PayFormatError } from '../errors';
import { decryptResource } from './aesgcm';
import { toRefund, toTransaction, type Refund, type Transaction } from './types';
import {
  readWechatpayHeaders,
  verifyWechatpaySignature,
  type HeaderSource,
  type PayVerifier,
} from './verifier';

// Payment and refund notifications: verify the signature over the raw body first, then decrypt
// the resource with the APIv3 key, then type it. WeChat retries until it gets 200/204, so
// handlers must be idempotent on out_trade_no / out_refund_no and must check the amount.

/** Fields every notification carries. */
interface NotificationBase {
  /** Notification id; the same id comes back on every retry. */
  id: string;
  createTime: string;
  /** e.g. `TRANSACTION.SUCCESS`, `REFUND.SUCCESS`, `REFUND.ABNORMAL`, `REFUND.CLOSED`. */
  eventType: string;
  summary: string;
}

/** A verified and decrypted WeChat Pay notification. */
export type PayNotification =
  | (NotificationBase & { kind: 'transaction'; transaction: Transaction })
  | (NotificationBase & { kind: 'refund'; refund: Refund })
  | (NotificationBase & { kind: 'unknown'; resource: unknown });

/** The answer that tells WeChat Pay the notification was received. */
export const PAY_NOTIFICATION_ACK = { status: 204 as const, body: '' };

/** The answer that makes WeChat Pay retry later. */
export function payNotificationFailure(message: string): { status: 500; body: string } {
  return { status: 500, body: JSON.stringify({ code: 'FAIL', message }) };
}

/** Options of the notification parser. */
export interface PayNotificationOptions {
  apiV3Key: string;
  verifier: PayVerifier;
  clock: Clock;
  /** Default 300 s. */
  timestampWindowSeconds?: number;
  /** Largest accepted body. Default 64 KiB. */
  maxBytes?: number;
}

/** Verifies, decrypts and types WeChat Pay notifications. */
export class PayNotifications {
  constructor(private readonly options: PayNotificationOptions) {}

  /** Parses a notification from its headers and the raw body exactly as received. */
  async parse(headers: HeaderSource, rawBody: string | Uint8Array): Promise<PayNotification> {
    const { apiV3Key, verifier, clock } = this.options;
    const maxBytes = this.options.maxBytes ?? 64 * 1024;
    const size = typeof rawBody === 'string' ? Buffer.byteLength(rawBody) : rawBody.byteLength;
    if (size > maxBytes) throw new PayFormatError(`notification exceeds ${maxBytes} bytes`);
    const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
    await verifyWechatpaySignature(
      readWechatpayHeaders(headers),
      body,
      verifier,
      nowSeconds(clock),
      this.options.timestampWindowSeconds ?? 300,
    );
    let n: Record<string, unknown>;
    try {
      n = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new PayFormatError('notification body is not JSON');
    }
    const resource = n['resource'] as Record<string, unknown> | undefined;
    if (!resource || typeof resource !== 'object') {
      throw new PayFormatError('notification has no resource');
    }
    if (resource['algorithm'] !== 'AEAD_AES_256_GCM') {
      throw new PayDecryptError(`unsupported algorithm ${String(resource['algorithm'])}`);
    }
    const plaintext = decryptResource(apiV3Key, {
      ciphertext: resource['ciphertext'] as string,
      nonce: resource['nonce'] as string,
      associatedData: (resource['associated_data'] as string | undefined) ?? '',
    });
    let decoded: unknown;
    try {
      decoded = JSON.parse(plaintext);
    } catch {
      throw new PayFormatError('decrypted resource is not JSON');
    }
    const base: NotificationBase = {
      id: String(n['id'] ?? ''),
      createTime: String(n['create_time'] ?? ''),
      eventType: String(n['event_type'] ?? ''),
      summary: String(n['summary'] ?? ''),
    };
    if (base.eventType.startsWith('TRANSACTION.')) {
      return { ...base, kind: 'transaction', transaction: toTransaction(decoded) };
    }
    if (base.eventType.startsWith('REFUND.')) {
      return { ...base, kind: 'refund', refund: toRefund(decoded) };
    }
    return { ...base, kind: 'unknown', resource: decoded };
  }
}
