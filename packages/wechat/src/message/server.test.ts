import { describe, expect, it } from 'vitest';
import {
  AppIdMismatchError,
  MessageFormatError,
  SignatureMismatchError,
  TimestampOutOfWindowError,
  WechatArgumentError,
  XmlError,
} from '../errors';
import { M2, M3, VECTOR_A, VECTOR_B } from '../../test/vectors';
import { MessageCipher } from './crypto';
import { replyTo } from './reply';
import { MessageServer, type CallbackQuery } from './server';
import { msgSignature, urlSignature } from './signature';
import { parseXml, xmlText } from './xml';

const at = (seconds: number) => ({ now: () => seconds * 1000 });

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('message server: official vectors end to end', () => {
  it('verifies, decrypts and types Vector A (official WeCom sample) in safe mode', () => {
    const server = new MessageServer({ ...VECTOR_A, clock: at(1409659813) });
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${VECTOR_A.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const query = {
      msg_signature: VECTOR_A.msgSignature,
      timestamp: VECTOR_A.timestamp,
      nonce: VECTOR_A.nonce,
      encrypt_type: 'aes',
    };
    const { message, encrypted } = server.parse(query, body);
    expect(encrypted).toBe(true);
    expect(message).toMatchObject({
      kind: 'text',
      content: 'hello',
      fromUserName: 'mycreate',
      msgId: '4561255354251345929',
    });
  });

  it('answers the WeCom verification of Vector B with the decrypted echostr', () => {
    const server = new MessageServer({ ...VECTOR_A, clock: at(1409659589) });
    const echo = server.verifyEncryptedUrl({
      msg_signature: VECTOR_B.msgSignature,
      timestamp: VECTOR_B.timestamp,
      nonce: VECTOR_B.nonce,
      echostr: VECTOR_B.echostr,
    });
    expect(echo).toBe(VECTOR_B.decrypted);
  });

  it('handles M2 (official Python sample) in compatible mode, using the encrypted part', () => {
    const server = new MessageServer({ ...M2, mode: 'compatible', clock: at(1409735669) });
    const query = {
      signature: M2.plainSignature,
      msg_signature: M2.msgSignature,
      timestamp: M2.timestamp,
      nonce: M2.nonce,
      encrypt_type: 'aes',
    };
    const { message } = server.parse(query, M2.body);
    expect(message).toMatchObject({
      kind: 'text',
      content: 'abcdteT',
      toUserName: 'gh_10f6c3c3ac5a',
      msgId: '6054768590064713728',
    });
  });

  it('answers the plain URL verification with echostr only when the signature is valid', () => {
    const server = new MessageServer({ token: M2.token, appId: M2.appId, clock: at(1409735669) });
    const q = {
      signature: M2.plainSignature,
      timestamp: M2.timestamp,
      nonce: M2.nonce,
      echostr: 'e123',
    };
    expect(server.verifyUrl(q)).toBe('e123');
    expect(errorOf(() => server.verifyUrl({ ...q, nonce: '1' }))).toBeInstanceOf(
      SignatureMismatchError,
    );
  });
});

describe('message server: round trips and tampering', () => {
  const token = 'tok';
  const appId = 'wx_ours_000000001';
  const encodingAESKey = M3.encodingAESKey;
  const now = 1_700_000_000;
  const server = new MessageServer({ token, appId, encodingAESKey, clock: at(now) });
  const inner =
    '<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[o_user]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[预约]]></Content><MsgId>1</MsgId></xml>';

  function wechatSends(
    opts: { cipherAppId?: string; timestamp?: number; tamper?: (e: string) => string } = {},
  ) {
    const cipher = new MessageCipher(encodingAESKey, opts.cipherAppId ?? appId);
    const encrypt = cipher.encrypt(inner);
    const timestamp = String(opts.timestamp ?? now);
    const nonce = '12345';
    const query: CallbackQuery = {
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: msgSignature(token, timestamp, nonce, encrypt),
    };
    const sent = opts.tamper ? opts.tamper(encrypt) : encrypt;
    return {
      query,
      body: `<xml><ToUserName>gh_abc</ToUserName><Encrypt><![CDATA[${sent}]]></Encrypt></xml>`,
    };
  }

  it('decrypts a message and encrypts the reply with a fresh nonce that WeChat can verify', () => {
    const { query, body } = wechatSends();
    const request = server.parse(query, body);
    expect(request.message).toMatchObject({ kind: 'text', content: '预约' });
    const answer = server.reply(
      request,
      replyTo(request.message, { type: 'text', content: '好的' }, now),
    );
    const envelope = parseXml(answer).root;
    const encrypt = xmlText(envelope, 'Encrypt')!;
    const ts = xmlText(envelope, 'TimeStamp')!;
    const nonce = xmlText(envelope, 'Nonce')!;
    expect(ts).toBe(String(now));
    expect(xmlText(envelope, 'MsgSignature')).toBe(msgSignature(token, ts, nonce, encrypt));
    const reply = parseXml(new MessageCipher(encodingAESKey, appId).decrypt(encrypt).message).root;
    expect(xmlText(reply, 'Content')).toBe('好的');
    expect(xmlText(reply, 'ToUserName')).toBe('o_user');
    const again = xmlText(parseXml(server.reply(request, '<xml/>')).root, 'Nonce');
    expect(again).not.toBe(nonce);
  });

  it('passes "success" and the empty reply through unencrypted', () => {
    expect(server.reply({ encrypted: true }, 'success')).toBe('success');
    expect(server.reply({ encrypted: true }, '')).toBe('');
  });

  it('refuses a flipped ciphertext byte with SignatureMismatchError before decrypting', () => {
    const flip = (e: string) =>
      e[10] === 'A' ? e.slice(0, 10) + 'B' + e.slice(11) : e.slice(0, 10) + 'A' + e.slice(11);
    const { query, body } = wechatSends({ tamper: flip });
    expect(errorOf(() => server.parse(query, body))).toBeInstanceOf(SignatureMismatchError);
  });

  it('refuses a message encrypted for another AppID with AppIdMismatchError', () => {
    const { query, body } = wechatSends({ cipherAppId: 'wx_someone_else_1' });
    expect(errorOf(() => server.parse(query, body))).toBeInstanceOf(AppIdMismatchError);
  });

  it('refuses a stale timestamp with TimestampOutOfWindowError, with the window configurable', () => {
    const stale = wechatSends({ timestamp: now - 301 });
    expect(errorOf(() => server.parse(stale.query, stale.body))).toBeInstanceOf(
      TimestampOutOfWindowError,
    );
    const lenient = new MessageServer({
      token,
      appId,
      encodingAESKey,
      clock: at(now),
      timestampWindowSeconds: 600,
    });
    expect(lenient.parse(stale.query, stale.body).message.kind).toBe('text');
  });

  it('refuses plaintext callbacks in safe mode and encrypted ones without a key', () => {
    const signature = urlSignature(token, String(now), 'n');
    const plain = { signature, timestamp: String(now), nonce: 'n' };
    expect(errorOf(() => server.parse(plain, inner))).toBeInstanceOf(MessageFormatError);
    const plainServer = new MessageServer({ token, appId, clock: at(now) });
    expect(plainServer.parse(plain, inner).message.kind).toBe('text');
    const { query, body } = wechatSends();
    expect(errorOf(() => plainServer.parse(query, body))).toBeInstanceOf(MessageFormatError);
    expect(() => new MessageServer({ token, appId, mode: 'safe' })).toThrow(WechatArgumentError);
  });

  it('refuses a plaintext callback with a wrong signature and a hostile body with XmlError', () => {
    const plainServer = new MessageServer({ token, appId, clock: at(now) });
    const q = { signature: 'bad', timestamp: String(now), nonce: 'n' };
    expect(errorOf(() => plainServer.parse(q, inner))).toBeInstanceOf(SignatureMismatchError);
    const good = { ...q, signature: urlSignature(token, String(now), 'n') };
    const xxe = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml>&e;</xml>';
    expect(errorOf(() => plainServer.parse(good, xxe))).toBeInstanceOf(XmlError);
  });

  it('refuses an encrypted body without Encrypt', () => {
    const q = { encrypt_type: 'aes', timestamp: String(now), nonce: 'n', msg_signature: 'x' };
    expect(errorOf(() => server.parse(q, '<xml><A>1</A></xml>'))).toBeInstanceOf(
      MessageFormatError,
    );
  });
});
