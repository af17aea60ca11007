import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptMessage, encryptMessage, MsgCryptError, sha1Sorted } from './msgcrypt';
import { jsapiSignature } from './jssdk';
import { buildXml, parseXml, text } from './xml';

// Official WeChat/WeCom sample (wechat-vectors.md, vector A and B).
const token = 'QDG6eK';
const key = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const appId = 'wx5823bf96d3bd56c7';
const encryptA =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';

/** Encrypts raw blocks with the sample key and no padding, to forge bad pad bytes. */
function rawCbc(plain: Buffer): string {
  const k = Buffer.from(key + '=', 'base64');
  const c = createCipheriv('aes-256-cbc', k, k.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

describe('message crypto against the official vectors', () => {
  it('computes the official msg_signature of vector A', () => {
    expect(sha1Sorted([token, '1409659813', '1372623149', encryptA])).toBe(
      '477715d11cdb4164915debcba66cb864d751f3e6',
    );
  });

  it('decrypts vector A to the sample text message', () => {
    const xml = parseXml(decryptMessage(key, appId, encryptA));
    expect(text(xml, 'FromUserName')).toBe('mycreate');
    expect(text(xml, 'Content')).toBe('hello');
    expect(text(xml, 'MsgId')).toBe('4561255354251345929');
  });

  it('verifies and decrypts the URL-verification vector B', () => {
    const echostr =
      'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
    expect(sha1Sorted([token, '1409659589', '263014780', echostr])).toBe(
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    );
    expect(decryptMessage(key, appId, echostr)).toBe('1616140317555161061');
  });

  it('reproduces the official Java sample ciphertext (M1) from a fixed random prefix', () => {
    const out = encryptMessage(
      'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      'wxb11529c136998cb6',
      '我是中文abcd123',
      Buffer.from('aaaabbbbccccdddd'),
    );
    expect(out).toBe(
      'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
    );
  });

  it('computes the plain signature of the Python sample (M2) and pywe (M7)', () => {
    expect(sha1Sorted(['spamtest', '1409735669', '1320562132'])).toBe(
      '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a',
    );
    expect(sha1Sorted(['789', '456', '123'])).toBe('f7c3bc1d808e04732adf679965ccc34ca7ae3441');
  });

  it('pads a message of exactly 32·k bytes after the header with a full block', () => {
    // 16 random + 4 length + 26 message + 18 appid = 64 bytes: a whole extra block of 32 is added.
    const msg = 'x'.repeat(26);
    const out = encryptMessage(key, appId, msg, Buffer.alloc(16, 1));
    expect(Buffer.from(out, 'base64').length).toBe(96);
    expect(decryptMessage(key, appId, out)).toBe(msg);
  });

  it('refuses a wrong AppID, a bad pad and a truncated ciphertext with distinct reasons', () => {
    const reason = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof MsgCryptError ? e.reason : 'other';
      }
      return 'none';
    };
    const good = encryptMessage(key, appId, 'hi');
    expect(reason(() => decryptMessage(key, 'wx0000000000000000', good))).toBe('appid-mismatch');
    expect(reason(() => decryptMessage(key, appId, good.slice(0, 20)))).toBe('bad-ciphertext');
    expect(reason(() => decryptMessage(key, appId, rawCbc(Buffer.alloc(64, 0))))).toBe(
      'bad-padding',
    );
    expect(reason(() => decryptMessage(key, appId, rawCbc(Buffer.alloc(64, 33))))).toBe(
      'bad-padding',
    );
  });
});

describe('JS-SDK signature', () => {
  it('matches the official 附录1 example', () => {
    expect(
      jsapiSignature(
        'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
        'Wm3WZYTPz0wzccnW',
        '1414587457',
        'http://mp.weixin.qq.com?params=value#fragment',
      ),
    ).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });
});

describe('XML codec', () => {
  it('round-trips CDATA text, numbers and nested repeated items', () => {
    const xml = buildXml({
      ToUserName: 'o1',
      CreateTime: 12,
      Articles: { item: [{ Title: 'a]]>b' }, { Title: '中文' }] },
    });
    const parsed = parseXml(xml);
    expect(text(parsed, 'CreateTime')).toBe('12');
    expect(parsed.Articles).toEqual({ item: [{ Title: 'a]]>b' }, { Title: '中文' }] });
  });

  it('refuses DOCTYPE and ENTITY declarations', () => {
    expect(() =>
      parseXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>'),
    ).toThrow(/DOCTYPE/);
  });
});
