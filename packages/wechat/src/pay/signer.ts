import {
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
} from 'node:crypto';
import { nowSeconds, randomString, systemClock, type Clock } from '../core';
import { WechatArgumentError } from '../errors';

// WeChat Pay v3 signs with SHA256withRSA (PKCS#1 v1.5) over newline-terminated lines. The same
// helper builds request messages, response/notification messages and the JSAPI paySign.

/** Joins lines WeChat Pay's way: every line, the last included, ends with `\n`. */
export function signatureMessage(...lines: string[]): string {
  let out = '';
  for (const line of lines) out += line + '\n';
  return out;
}

/** Loads a PEM private key (PKCS#8 or PKCS#1) or passes a KeyObject through. */
export function loadPrivateKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  try {
    return createPrivateKey(key);
  } catch {
    throw new WechatArgumentError('the merchant private key is not a PEM private key');
  }
}

/** Loads a PEM public key (or a certificate's key) or passes a KeyObject through. */
export function loadPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key;
  try {
    return createPublicKey(key);
  } catch {
    throw new WechatArgumentError('not a PEM public key');
  }
}

/** SHA256withRSA signature of `message`, base64. */
export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** Checks a base64 SHA256withRSA signature; false for any malformed input. */
export function rsaVerify(message: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(message, 'utf8')
      .verify(publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The merchant's identity for signing requests. */
export interface MerchantCredentials {
  /** 商户号. */
  mchId: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  serialNo: string;
  /** The merchant API private key (apiclient_key.pem). */
  privateKey: string | KeyObject;
}

/** Builds `WECHATPAY2-SHA256-RSA2048` Authorization headers. */
export class PayRequestSigner {
  readonly mchId: string;
  readonly serialNo: string;
  readonly privateKey: KeyObject;

  constructor(
    credentials: MerchantCredentials,
    private readonly clock: Clock = systemClock,
  ) {
    this.mchId = credentials.mchId;
    this.serialNo = credentials.serialNo;
    this.privateKey = loadPrivateKey(credentials.privateKey);
  }

  /**
   * The Authorization header for a request. `pathWithQuery` is the URL path and query exactly as
   * sent; `body` is the exact body string ('' for GET).
   */
  authorization(
    method: string,
    pathWithQuery: string,
    body: string,
    stamp: { timestamp?: string; nonce?: string } = {},
  ): string {
    const timestamp = stamp.timestamp ?? String(nowSeconds(this.clock));
    const nonce = stamp.nonce ?? randomString(32);
    const signature = rsaSign(
      signatureMessage(method.toUpperCase(), pathWithQuery, timestamp, nonce, body),
      this.privateKey,
    );
    return (
      `WECHATPAY2-SHA256-RSA2048 mchid="${this.mchId}",nonce_str="${nonce}",` +
      `signature="${signature}",timestamp="${timestamp}",serial_no="${this.serialNo}"`
    );
  }

  /** Signs arbitrary lines with the merchant key (JSAPI paySign and similar). */
  sign(...lines: string[]): string {
    return rsaSign(signatureMessage(...lines), this.privateKey);
  }
}
