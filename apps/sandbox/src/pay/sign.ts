// WeChat Pay v3 signatures from the platform's side: verify the merchant's Authorization header,
// sign responses and notifications with the platform key, encrypt resources with the APIv3 key.
import { createCipheriv, createSign, createVerify, randomBytes } from 'node:crypto';
import type { ResolvedConfig } from '../config';
import { randomString } from '../ids';

/** The fields of a `WECHATPAY2-SHA256-RSA2048 k="v",…` Authorization header. */
export interface MerchantAuth {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

const SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const MAX_SKEW_S = 300;

/** Parses the Authorization header; null when it is not WeChat Pay's scheme. */
export function parseAuthorization(header: string | undefined): MerchantAuth | null {
  if (!header?.startsWith(SCHEME + ' ')) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    fields[m[1]!] = m[2]!;
  }
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;
  if (keys.some((k) => !fields[k])) return null;
  return fields as unknown as MerchantAuth;
}

/** Checks a merchant request; returns why it is refused, or null when it is genuine. */
export function verifyMerchantRequest(
  config: ResolvedConfig,
  method: string,
  url: string,
  authorization: string | undefined,
  body: string,
  nowSeconds: number,
): string | null {
  const auth = parseAuthorization(authorization);
  if (!auth) return 'Authorization 头缺失或格式错误';
  if (auth.mchid !== config.mchId) return `商户号 ${auth.mchid} 与沙箱配置不一致`;
  if (auth.serial_no !== config.merchantSerialNo) return '商户证书序列号有误';
  const ts = Number(auth.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > MAX_SKEW_S) return '请求时间戳已过期';
  const message = `${method}\n${url}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
  const ok = createVerify('RSA-SHA256')
    .update(message)
    .verify(config.merchantPublicKeyPem, auth.signature, 'base64');
  return ok ? null : '错误的签名，验签失败';
}

/** The four Wechatpay-* headers that sign `body` with the platform key. */
export function platformHeaders(
  config: ResolvedConfig,
  body: string,
  nowSeconds: number,
): Record<string, string> {
  const timestamp = String(nowSeconds);
  const nonce = randomString(32);
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .sign(config.platformPrivateKeyPem, 'base64');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': config.platformSerial,
    'Wechatpay-Signature-Type': SCHEME,
  };
}

/** An AEAD_AES_256_GCM resource as notifications and /v3/certificates carry it. */
export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/** Encrypts `plaintext` with the APIv3 key; ciphertext is base64(ciphertext ‖ 16-byte tag). */
export function encryptResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
): EncryptedResource {
  const nonce = randomString(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associatedData));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: ct.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

/** Checks the paySign of a getBrandWCPayRequest call against the merchant public key. */
export function verifyPaySign(
  config: ResolvedConfig,
  p: { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string },
): boolean {
  const message = `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
  try {
    return createVerify('RSA-SHA256')
      .update(message)
      .verify(config.merchantPublicKeyPem, p.paySign, 'base64');
  } catch {
    return false;
  }
}

/** A Request-ID like WeChat Pay's, for logs. */
export function requestId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
