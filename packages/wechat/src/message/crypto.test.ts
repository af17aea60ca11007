import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AppIdMismatchError,
  CiphertextError,
  PaddingError,
  WechatArgumentError,
  XmlError,
} from '../errors';
import { M1, M2, M3, M4, M5, VECTOR_A, VECTOR_B } from '../../test/vectors';
import { decodeEncodingAesKey, MessageCipher } from './crypto';
import { parseXml, xmlText } from './xml';

/** Encrypts raw plaintext bytes with the message key, without any padding of our own. */
function rawEncrypt(encodingAESKey: string, plain: Buffer): string {
  const key = decodeEncodingAesKey(encodingAESKey);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

/** Builds random ‖ len ‖ msg ‖ appId and pads it with `padByte` × `padLen` bytes. */
function layout(msg: string, appId: string, padByte: number, padLen: number): Buffer {
  const m = Buffer.from(msg);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(m.length);
  return Buffer.concat([
    Buffer.alloc(16, 7),
    len,
    m,
    Buffer.from(appId),
    Buffer.alloc(padLen, padByte),
  ]);
}

describe('message cipher: published vectors', () => {
  it('encrypts M1 (official Java sample) byte for byte with its fixed random prefix', () => {
    const c = new MessageCipher(M1.encodingAESKey, M1.appId);
    const random = Buffer.from(M1.random);
    expect(c.encrypt(M1.replyMsg, random)).toBe(M1.afterAesEncrypt);
    expect(c.encrypt(M1.replyMsg2, random)).toBe(M1.afterAesEncrypt2);
    expect(c.decrypt(M1.afterAesEncrypt2).message).toBe(M1.replyMsg2);
  });

  it('decrypts Vector A (official WeCom sample) to the documented text message', () => {
    const c = new MessageCipher(VECTOR_A.encodingAESKey, VECTOR_A.appId);
    const { message, appId } = c.decrypt(VECTOR_A.encrypt);
    expect(appId).toBe('wx5823bf96d3bd56c7');
    const root = parseXml(message).root;
    expect(xmlText(root, 'FromUserName')).toBe('mycreate');
    expect(xmlText(root, 'CreateTime')).toBe('1409659813');
    expect(xmlText(root, 'Content')).toBe('hello');
    expect(xmlText(root, 'MsgId')).toBe('4561255354251345929');
    expect(xmlText(root, 'AgentID')).toBe('218');
  });

  it('decrypts the encrypted echostr of Vector B and M4 (wechatpy)', () => {
    const a = new MessageCipher(VECTOR_A.encodingAESKey, VECTOR_A.appId);
    expect(a.decrypt(VECTOR_B.echostr).message).toBe(VECTOR_B.decrypted);
    const m4 = new MessageCipher(M4.encodingAESKey, M4.appId);
    expect(m4.decrypt(M4.echostr).message).toBe(M4.decrypted);
  });

  it('decrypts M2 (official Python sample) and M3 (EasyWeChat EncryptorTest)', () => {
    const m2 = new MessageCipher(M2.encodingAESKey, M2.appId);
    const enc = xmlText(parseXml(M2.body).root, 'Encrypt')!;
    expect(xmlText(parseXml(m2.decrypt(enc).message).root, 'Content')).toBe('abcdteT');
    const m3 = new MessageCipher(M3.encodingAESKey, M3.appId);
    const root = parseXml(m3.decrypt(M3.encrypt).message).root;
    expect(xmlText(root, 'Content')).toBe('hello');
    expect(xmlText(root, 'FromUserName')).toBe('asdasdasdsadasd');
  });

  it('refuses M3 under another AppID, as EasyWeChat testDecryptWithErrorAppId does', () => {
    const c = new MessageCipher(M3.encodingAESKey, 'wx0000000000000000');
    const err = (() => {
      try {
        c.decrypt(M3.encrypt);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppIdMismatchError);
    expect((err as AppIdMismatchError).actual).toBe(M3.appId);
  });

  it('encrypts the M5 reply (wechatpy test_encrypt_message) byte for byte', () => {
    const c = new MessageCipher(M4.encodingAESKey, M4.appId);
    expect(c.encrypt(M5.reply, Buffer.from(M5.random))).toBe(M5.replyEncrypt);
    const enc = xmlText(parseXml(M5.decryptBody).root, 'Encrypt')!;
    expect(xmlText(parseXml(c.decrypt(enc).message).root, 'Content')).toBe('test');
  });
});

describe('message cipher: round trips and tampering', () => {
  const key = M1.encodingAESKey;
  const appId = M1.appId;
  const c = new MessageCipher(key, appId);

  it('round-trips byte-identically with a fixed random prefix, including Chinese text', () => {
    const random = Buffer.alloc(16, 0x5a);
    const msg = '<xml><Content><![CDATA[挂号成功 ✓]]></Content></xml>';
    const once = c.encrypt(msg, random);
    expect(c.encrypt(msg, random)).toBe(once);
    expect(c.decrypt(once)).toEqual({ message: msg, appId });
    expect(c.encrypt(msg)).not.toBe(c.encrypt(msg));
  });

  it('adds a full 32-byte pad block when the plaintext is already a multiple of 32', () => {
    // 16 + 4 + msg + 18 (appId) = 64 → msg of 26 bytes fills two blocks exactly.
    const msg = 'x'.repeat(26);
    const data = Buffer.from(c.encrypt(msg), 'base64');
    expect(data.length).toBe(96);
    expect(c.decrypt(data.toString('base64')).message).toBe(msg);
  });

  it('refuses a wrong AppID with AppIdMismatchError', () => {
    const other = new MessageCipher(key, 'wx1111111111111111');
    expect(() => c.decrypt(other.encrypt('hi'))).toThrow(AppIdMismatchError);
  });

  it('refuses pad byte 0 and pad byte 33 with PaddingError', () => {
    const base = layout('hi', appId, 0, 0);
    const fill = 32 - (base.length % 32);
    const zero = Buffer.concat([base, Buffer.alloc(fill, 0)]);
    expect(() => c.decrypt(rawEncrypt(key, zero))).toThrow(PaddingError);
    const big = Buffer.concat([base, Buffer.alloc(fill + 32, 33)]);
    expect(() => c.decrypt(rawEncrypt(key, big))).toThrow(PaddingError);
  });

  it('refuses inconsistent pad bytes with PaddingError', () => {
    const base = layout('hi', appId, 0, 0);
    const fill = 32 - (base.length % 32);
    const padded = Buffer.concat([base, Buffer.alloc(fill, fill)]);
    padded[padded.length - 2] = fill === 1 ? 1 : fill - 1;
    if (fill > 1) expect(() => c.decrypt(rawEncrypt(key, padded))).toThrow(PaddingError);
  });

  it('refuses truncated, misaligned and non-base64 ciphertext with CiphertextError', () => {
    const enc = c.encrypt('hello');
    const data = Buffer.from(enc, 'base64');
    expect(() => c.decrypt(data.subarray(0, data.length - 16).toString('base64'))).toThrow(
      CiphertextError,
    );
    expect(() => c.decrypt(data.subarray(0, 17).toString('base64'))).toThrow(CiphertextError);
    expect(() => c.decrypt('')).toThrow(CiphertextError);
    expect(() => c.decrypt('not base64!')).toThrow(CiphertextError);
    expect(() => c.decrypt(enc.slice(0, -1))).toThrow(CiphertextError);
  });

  it('refuses a length header that runs past the plaintext with CiphertextError', () => {
    const plain = layout('hi', appId, 0, 0);
    plain.writeUInt32BE(10_000, 16);
    const fill = 32 - (plain.length % 32);
    expect(() =>
      c.decrypt(rawEncrypt(key, Buffer.concat([plain, Buffer.alloc(fill, fill)]))),
    ).toThrow(CiphertextError);
  });

  it('refuses a decrypted message that is not UTF-8 with XmlError(encoding)', () => {
    const bad = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 2, 0xc3, 0x28])]);
    const withId = Buffer.concat([bad, Buffer.from(appId)]);
    const fill = 32 - (withId.length % 32);
    const enc = rawEncrypt(key, Buffer.concat([withId, Buffer.alloc(fill, fill)]));
    expect(() => c.decrypt(enc)).toThrow(XmlError);
  });

  it('turns a flipped ciphertext byte into a typed error, never garbage', () => {
    const enc = Buffer.from(c.encrypt('<xml><Content>hi</Content></xml>'), 'base64');
    for (let i = 0; i < enc.length; i++) {
      const t = Buffer.from(enc);
      t[i]! ^= 0x01;
      let result: unknown;
      try {
        result = c.decrypt(t.toString('base64'));
      } catch (e) {
        result = e;
      }
      // A flip in an early block only garbles the random prefix, which CBC tolerates; the
      // msg_signature check (done before decryption) is what catches such tampering.
      if (!(result instanceof Error)) continue;
      expect([PaddingError, CiphertextError, AppIdMismatchError, XmlError]).toContain(
        result.constructor,
      );
    }
  });

  it('matches a fresh standard AES-CBC context on every call of the long-lived one', () => {
    // The cipher keeps one CBC context per direction and re-synchronises it to the IV; prove the
    // output equals textbook AES-256-CBC message after message, across errors too.
    const keyBytes = decodeEncodingAesKey(key);
    const random = Buffer.alloc(16, 3);
    for (let i = 0; i < 50; i++) {
      const msg = `消息 ${i} ` + 'x'.repeat(i * 7);
      const ours = c.encrypt(msg, random);
      const body = layout(msg, appId, 0, 0).fill(3, 0, 16);
      const fill = 32 - (body.length % 32);
      const plain = Buffer.concat([body, Buffer.alloc(fill, fill)]);
      const fresh = createCipheriv('aes-256-cbc', keyBytes, keyBytes.subarray(0, 16));
      fresh.setAutoPadding(false);
      expect(ours).toBe(Buffer.concat([fresh.update(plain), fresh.final()]).toString('base64'));
      expect(c.decrypt(ours).message).toBe(msg);
      if (i % 10 === 0) expect(() => c.decrypt(ours.slice(0, -4) + 'AAA=')).toThrow();
    }
  });

  it('refuses an EncodingAESKey that is not 43 base64 characters', () => {
    expect(() => new MessageCipher(key.slice(1), appId)).toThrow(WechatArgumentError);
    expect(() => new MessageCipher(key.slice(1) + '!', appId)).toThrow(WechatArgumentError);
  });
});
