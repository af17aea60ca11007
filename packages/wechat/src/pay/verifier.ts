import type { KeyObject } from 'node:crypto';
import { PaySerialUnknownError, PaySignatureError, TimestampOutOfWindowError } from '../errors';
import { loadPublicKey, rsaVerify, signatureMessage } from './signer';

// Responses and notifications are signed by WeChat Pay; `Wechatpay-Serial` says with which key:
// a platform certificate serial, or in public-key mode an id like `PUB_KEY_ID_0112…`.

/** Checks WeChat Pay signatures for a given serial. */
export interface PayVerifier {
  /** True when `signature` is valid for `message`; PaySerialUnknownError when the serial is not ours. */
  verify(serial: string, message: string, signature: string): Promise<boolean>;
}

/** Public-key mode (微信支付公钥): one key, known by its id. */
export class PublicKeyVerifier implements PayVerifier {
  private readonly key: KeyObject;

  /** `publicKeyId` is the `PUB_KEY_ID_…` shown in the merchant platform. */
  constructor(
    readonly publicKeyId: string,
    publicKey: string | KeyObject,
  ) {
    this.key = loadPublicKey(publicKey);
  }

  async verify(serial: string, message: string, signature: string): Promise<boolean> {
    if (serial !== this.publicKeyId) throw new PaySerialUnknownError(serial);
    return rsaVerify(message, signature, this.key);
  }
}

/** Tries verifiers in turn (e.g. during a switch from certificates to a public key). */
export class CompositeVerifier implements PayVerifier {
  private readonly verifiers: PayVerifier[];

  constructor(...verifiers: PayVerifier[]) {
    this.verifiers = verifiers;
  }

  async verify(serial: string, message: string, signature: string): Promise<boolean> {
    for (const v of this.verifiers) {
      try {
        return await v.verify(serial, message, signature);
      } catch (e) {
        if (!(e instanceof PaySerialUnknownError)) throw e;
      }
    }
    throw new PaySerialUnknownError(serial);
  }
}

/** The four signature headers of a response or notification. */
export interface WechatpayHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

/** Headers as Fetch `Headers` or Node's `IncomingHttpHeaders`. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (typeof (source as Headers).get === 'function') {
    return (source as Headers).get(name) ?? undefined;
  }
  const record = source as Record<string, string | string[] | undefined>;
  const found = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = found === undefined ? undefined : record[found];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the Wechatpay-* headers; missing ones are a PaySignatureError. */
export function readWechatpayHeaders(source: HeaderSource): WechatpayHeaders {
  const timestamp = header(source, 'wechatpay-timestamp');
  const nonce = header(source, 'wechatpay-nonce');
  const signature = header(source, 'wechatpay-signature');
  const serial = header(source, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) {
    throw new PaySignatureError('Wechatpay-Timestamp/Nonce/Signature/Serial header missing');
  }
  return { timestamp, nonce, signature, serial };
}

/**
 * Verifies a signed WeChat Pay body: timestamp within `windowSeconds` of `nowSeconds` (checked
 * first, so a stale replay costs no key look-up), then the signature over
 * `timestamp\nnonce\nbody\n` with the key named by the serial.
 */
export async function verifyWechatpaySignature(
  headers: WechatpayHeaders,
  body: string,
  verifier: PayVerifier,
  nowSeconds: number,
  windowSeconds: number,
): Promise<void> {
  const ts = /^\d{1,12}$/.test(headers.timestamp) ? Number(headers.timestamp) : NaN;
  if (!Number.isFinite(ts) || (windowSeconds > 0 && Math.abs(nowSeconds - ts) > windowSeconds)) {
    throw new TimestampOutOfWindowError(ts, windowSeconds);
  }
  const message = signatureMessage(headers.timestamp, headers.nonce, body);
  if (!(await verifier.verify(headers.serial, message, headers.signature))) {
    throw new PaySignatureError();
  }
}
