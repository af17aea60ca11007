import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  AppIdMismatchError,
  CiphertextError,
  PaddingError,
  WechatArgumentError,
  XmlError,
} from '../errors';

// WeChat pads to 32-byte blocks although AES blocks are 16 bytes: a quirk of the official samples
// that every implementation must copy.
const PAD_BLOCK = 32;
const RANDOM_PREFIX = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an EncodingAESKey (43 base64 characters) into the 32-byte AES key. */
export function decodeEncodingAesKey(encodingAESKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey)) {
    throw new WechatArgumentError('EncodingAESKey must be 43 base64 characters');
  }
  return Buffer.from(encodingAESKey + '=', 'base64');
}

/** The result of decrypting a message: the XML text and the AppID it carried. */
export interface DecryptedMessage {
  /** The plaintext message (UTF-8 XML, or the echostr in the WeCom verification form). */
  message: string;
  /** The AppID (CorpID for WeCom) found after the message; already checked against ours. */
  appId: string;
}

/**
 * WeChat's message encryption (WXBizMsgCrypt): AES-256-CBC, IV = first 16 key bytes, plaintext
 * = 16 random bytes ‖ uint32 BE length ‖ message ‖ AppID, PKCS#7-padded to 32 bytes.
 */
export class MessageCipher {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly appIdBytes: Buffer;

  /** `appId` is the Official Account AppID (or the WeCom CorpID). */
  constructor(
    encodingAESKey: string,
    readonly appId: string,
  ) {
    this.key = decodeEncodingAesKey(encodingAESKey);
    this.iv = this.key.subarray(0, 16);
    this.appIdBytes = Buffer.from(appId, 'utf8');
  }

  /** Encrypts a message; `random` (16 bytes) is only for reproducing published vectors. */
  encrypt(message: string, random?: Uint8Array): string {
    const prefix = random ?? randomBytes(RANDOM_PREFIX);
    if (prefix.length !== RANDOM_PREFIX) {
      throw new WechatArgumentError('the random prefix must be 16 bytes');
    }
    const msgLen = Buffer.byteLength(message, 'utf8');
    const bodyLen = RANDOM_PREFIX + 4 + msgLen + this.appIdBytes.length;
    const pad = PAD_BLOCK - (bodyLen % PAD_BLOCK);
    const plain = Buffer.allocUnsafe(bodyLen + pad);
    plain.set(prefix, 0);
    plain.writeUInt32BE(msgLen, RANDOM_PREFIX);
    plain.write(message, RANDOM_PREFIX + 4, 'utf8');
    this.appIdBytes.copy(plain, RANDOM_PREFIX + 4 + msgLen);
    plain.fill(pad, bodyLen);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    const out = Buffer.concat([cipher.update(plain), cipher.final()]);
    return out.toString('base64');
  }

  /**
   * Decrypts a base64 `Encrypt` value and checks the AppID. Call it only after the
   * `msg_signature` has been verified, so that it is never a padding oracle.
   */
  decrypt(encrypted: string): DecryptedMessage {
    const { messageBytes, appIdBytes } = this.open(encrypted);
    if (!appIdBytes.equals(this.appIdBytes)) {
      throw new AppIdMismatchError(appIdBytes.toString('utf8'));
    }
    return { message: decodeUtf8(messageBytes), appId: this.appId };
  }

  /** Decrypts without checking the AppID (for tools that must show what arrived). */
  decryptUnchecked(encrypted: string): DecryptedMessage {
    const { messageBytes, appIdBytes } = this.open(encrypted);
    return { message: decodeUtf8(messageBytes), appId: appIdBytes.toString('utf8') };
  }

  private open(encrypted: string): { messageBytes: Buffer; appIdBytes: Buffer } {
    if (encrypted.length === 0 || encrypted.length % 4 !== 0 || !BASE64.test(encrypted)) {
      throw new CiphertextError('ciphertext is not canonical base64');
    }
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % PAD_BLOCK !== 0) {
      throw new CiphertextError(`ciphertext length ${data.length} is not a multiple of 32`);
    }
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);

    const pad = plain[plain.length - 1]!;
    if (pad < 1 || pad > PAD_BLOCK) throw new PaddingError(`pad byte ${pad} is out of range`);
    const end = plain.length - pad;
    for (let i = end; i < plain.length - 1; i++) {
      if (plain[i] !== pad) throw new PaddingError('pad bytes differ');
    }
    if (end < RANDOM_PREFIX + 4) throw new CiphertextError('plaintext too short for its header');
    const msgLen = plain.readUInt32BE(RANDOM_PREFIX);
    const msgEnd = RANDOM_PREFIX + 4 + msgLen;
    if (msgEnd > end) throw new CiphertextError('length header exceeds the plaintext');
    return {
      messageBytes: plain.subarray(RANDOM_PREFIX + 4, msgEnd),
      appIdBytes: plain.subarray(msgEnd, end),
    };
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new XmlError('encoding', 'decrypted message is not valid UTF-8');
  }
}
