import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
import { fillRandom } from '../core';
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
  // Creating a cipher context costs more than encrypting a message, so one CBC context per
  // direction lives as long as the MessageCipher and is re-synchronised to the IV before each
  // message (see `encrypt` / `open`). The output is exactly standard AES-256-CBC.
  private readonly decipher: Decipher;
  private readonly cipher: Cipher;
  /** D_K(IV): the block whose encryption under chaining value C yields IV (after XOR with C). */
  private readonly ivPreimage: Buffer;
  /** The cipher context's current chaining value (last ciphertext block it produced). */
  private chain: Buffer;

  /** `appId` is the Official Account AppID (or the WeCom CorpID). */
  constructor(
    encodingAESKey: string,
    readonly appId: string,
  ) {
    this.key = decodeEncodingAesKey(encodingAESKey);
    this.iv = Buffer.from(this.key.subarray(0, 16));
    this.appIdBytes = Buffer.from(appId, 'utf8');
    this.decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    this.decipher.setAutoPadding(false);
    this.cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    this.cipher.setAutoPadding(false);
    const ecb = createDecipheriv('aes-256-ecb', this.key, null);
    ecb.setAutoPadding(false);
    this.ivPreimage = Buffer.from(ecb.update(this.iv));
    this.chain = this.iv;
  }

  /** Encrypts a message; `random` (16 bytes) is only for reproducing published vectors. */
  encrypt(message: string, random?: Uint8Array): string {
    if (random !== undefined && random.length !== RANDOM_PREFIX) {
      throw new WechatArgumentError('the random prefix must be 16 bytes');
    }
    const msgLen = Buffer.byteLength(message, 'utf8');
    const bodyLen = RANDOM_PREFIX + 4 + msgLen + this.appIdBytes.length;
    const pad = PAD_BLOCK - (bodyLen % PAD_BLOCK);
    // One leading block re-synchronises the long-lived context: encrypting
    // D(IV) XOR chain gives IV, so the real plaintext is chained from IV as CBC requires.
    const plain = Buffer.allocUnsafe(16 + bodyLen + pad);
    for (let i = 0; i < 16; i++) plain[i] = this.ivPreimage[i]! ^ this.chain[i]!;
    if (random) plain.set(random, 16);
    else fillRandom(plain, 16, RANDOM_PREFIX);
    plain.writeUInt32BE(msgLen, 16 + RANDOM_PREFIX);
    plain.write(message, 16 + RANDOM_PREFIX + 4, 'utf8');
    this.appIdBytes.copy(plain, 16 + RANDOM_PREFIX + 4 + msgLen);
    plain.fill(pad, 16 + bodyLen);
    const out = this.cipher.update(plain);
    this.chain = Buffer.from(out.subarray(out.length - 16));
    return out.toString('base64', 16);
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
    const len = encrypted.length;
    if (len === 0 || len % 4 !== 0) throw new CiphertextError('ciphertext is not base64');
    const padChars = encrypted.endsWith('==') ? 2 : encrypted.endsWith('=') ? 1 : 0;
    const expected = (len / 4) * 3 - padChars;
    if (expected % PAD_BLOCK !== 0) {
      throw new CiphertextError(`ciphertext length ${expected} is not a multiple of 32`);
    }
    // The IV goes first as a ciphertext block: whatever the context's state, after it the
    // chaining value is the IV, and its own (garbage) output block is dropped.
    const data = Buffer.allocUnsafe(16 + expected);
    this.iv.copy(data, 0);
    // Node's decoder skips characters outside the alphabet, so a short write exposes them.
    if (data.write(encrypted, 16, 'base64') !== expected) {
      throw new CiphertextError('ciphertext is not base64');
    }
    const plain = this.decipher.update(data).subarray(16);

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
