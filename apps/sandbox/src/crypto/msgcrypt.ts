// WeChat's message signature and "safe mode" encryption (WXBizMsgCrypt), written from the
// published description: AES-256-CBC, IV = first 16 key bytes, PKCS#7 padding to 32 bytes.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const BLOCK = 32;

/** SHA-1 over the lexically sorted, concatenated parts (server check, msg_signature). */
export function sha1Sorted(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** The 32-byte AES key encoded by a 43-character EncodingAESKey. */
export function aesKeyOf(encodingAESKey: string): Buffer {
  const key = Buffer.from(encodingAESKey + '=', 'base64');
  if (encodingAESKey.length !== 43 || key.length !== 32) {
    throw new Error('EncodingAESKey must be 43 base64 characters (32 bytes)');
  }
  return key;
}

/** Encrypts a message for `appId`; `random` fixes the 16-byte prefix for reproducible tests. */
export function encryptMessage(
  encodingAESKey: string,
  appId: string,
  message: string,
  random: Buffer = randomBytes(16),
): string {
  const key = aesKeyOf(encodingAESKey);
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const body = Buffer.concat([random, length, msg, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (body.length % BLOCK);
  const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Why a ciphertext was refused, so callers and tests can tell the failures apart. */
export class MsgCryptError extends Error {
  constructor(
    readonly reason: 'bad-ciphertext' | 'bad-padding' | 'bad-length' | 'appid-mismatch',
    message: string,
  ) {
    super(message);
  }
}

/** Decrypts `encrypted` and checks the trailing AppID; returns the message text. */
export function decryptMessage(encodingAESKey: string, appId: string, encrypted: string): string {
  const key = aesKeyOf(encodingAESKey);
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new MsgCryptError('bad-ciphertext', 'ciphertext is not a whole number of AES blocks');
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > plain.length) {
    throw new MsgCryptError('bad-padding', `invalid padding byte ${pad}`);
  }
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new MsgCryptError('bad-length', 'plaintext too short');
  const length = body.readUInt32BE(16);
  if (20 + length > body.length) throw new MsgCryptError('bad-length', 'length exceeds plaintext');
  const message = body.subarray(20, 20 + length).toString('utf8');
  const trailer = body.subarray(20 + length).toString('utf8');
  if (trailer !== appId) {
    throw new MsgCryptError('appid-mismatch', `message is for ${trailer}, not ${appId}`);
  }
  return message;
}
