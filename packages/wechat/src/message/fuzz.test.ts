import { describe, expect, it } from 'vitest';
import { WechatError } from '../errors';
import { M3 } from '../../test/vectors';
import { MessageCipher } from './crypto';
import { toInboundMessage } from './inbound';
import { MessageServer } from './server';
import { msgSignature } from './signature';
import { parseXml } from './xml';

// Seeded fuzzing: every run explores the same inputs, so a failure is reproducible from the seed.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE =
  '<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[o_user]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[pic_weixin]]></Event>' +
  '<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>abc</PicMd5Sum></item></PicList></SendPicsInfo></xml>';

const HOSTILE = [
  '<!DOCTYPE a [<!ENTITY b "c">]>',
  '<!ENTITY x SYSTEM "file:///etc/passwd">',
  '&x;',
  '&#0;',
  '&#x110000;',
  '<?php ?>',
  '<![CDATA[',
  ']]>',
  '<a>'.repeat(40),
  '</xml>',
  '<',
  '&',
  '\u0000',
  '"',
  '<xml>',
  '<!--',
  '\uFFFF',
];

function mutate(rand: () => number, input: string): string {
  let s = input;
  const steps = 1 + Math.floor(rand() * 4);
  for (let k = 0; k < steps; k++) {
    const at = Math.floor(rand() * (s.length + 1));
    switch (Math.floor(rand() * 5)) {
      case 0:
        s = s.slice(0, at) + HOSTILE[Math.floor(rand() * HOSTILE.length)] + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + Math.floor(rand() * 20));
        break;
      case 2:
        s = s.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + s.slice(at + 1);
        break;
      case 3:
        s = s.slice(0, at);
        break;
      default:
        s = s.slice(0, at) + s.slice(Math.floor(rand() * s.length)) + s.slice(at);
    }
  }
  return s;
}

/** Runs fn and asserts it either returns or throws one of our typed errors, quickly. */
function expectTypedOutcome(fn: () => unknown): 'ok' | string {
  const started = performance.now();
  let outcome = 'ok';
  try {
    fn();
  } catch (e) {
    if (!(e instanceof WechatError)) throw new Error(`untyped failure: ${String(e)}`);
    outcome = e.code;
  }
  expect(performance.now() - started).toBeLessThan(100);
  return outcome;
}

describe('fuzzing the XML codec and the decryptor', () => {
  it('maps random bytes to a parse or a typed XmlError, never a crash or hang', () => {
    const rand = prng(1);
    const codes = new Set<string>();
    for (let n = 0; n < 3000; n++) {
      const bytes = Buffer.alloc(Math.floor(rand() * 300));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
      if (rand() < 0.5) bytes.write('<xml>', 0);
      codes.add(expectTypedOutcome(() => toInboundMessage(parseXml(bytes))));
    }
    expect(codes.has('XML_REFUSED')).toBe(true);
  });

  it('maps mutated and hostile messages to a message or a typed error', () => {
    const rand = prng(2);
    const codes = new Set<string>();
    for (let n = 0; n < 5000; n++) {
      const input = mutate(rand, SAMPLE);
      codes.add(expectTypedOutcome(() => toInboundMessage(parseXml(input))));
    }
    expect(codes.has('ok')).toBe(true);
    expect(codes.has('XML_REFUSED')).toBe(true);
  });

  it('maps random and mutated ciphertexts to typed errors', () => {
    const rand = prng(3);
    const cipher = new MessageCipher(M3.encodingAESKey, M3.appId);
    const valid = cipher.encrypt(SAMPLE);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    const codes = new Set<string>();
    for (let n = 0; n < 3000; n++) {
      let input: string;
      if (rand() < 0.3) {
        input = '';
        const len = Math.floor(rand() * 200);
        for (let i = 0; i < len; i++) input += alphabet[Math.floor(rand() * alphabet.length)];
      } else if (rand() < 0.5) {
        input = Buffer.from(
          Array.from({ length: 32 * (1 + Math.floor(rand() * 8)) }, () => Math.floor(rand() * 256)),
        ).toString('base64');
      } else {
        const bytes = Buffer.from(valid, 'base64');
        bytes[Math.floor(rand() * bytes.length)]! ^= 1 << Math.floor(rand() * 8);
        input = bytes.toString('base64');
      }
      codes.add(expectTypedOutcome(() => parseXml(cipher.decrypt(input).message)));
    }
    expect(codes.has('BAD_CIPHERTEXT')).toBe(true);
    expect(codes.has('BAD_PADDING')).toBe(true);
  });

  it('keeps the whole server path typed for signed but hostile encrypted bodies', () => {
    const rand = prng(4);
    const token = 't';
    const server = new MessageServer({
      token,
      appId: M3.appId,
      encodingAESKey: M3.encodingAESKey,
      timestampWindowSeconds: 0,
    });
    const cipher = new MessageCipher(M3.encodingAESKey, M3.appId);
    for (let n = 0; n < 1000; n++) {
      const encrypt = cipher.encrypt(mutate(rand, SAMPLE));
      const query = {
        encrypt_type: 'aes',
        timestamp: '1',
        nonce: '2',
        msg_signature: msgSignature(token, '1', '2', encrypt),
      };
      expectTypedOutcome(() => server.parse(query, `<xml><Encrypt>${encrypt}</Encrypt></xml>`));
    }
  });
});
