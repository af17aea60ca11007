import { describe, expect, it } from 'vitest';
import { SignatureMismatchError, TimestampOutOfWindowError } from '../errors';
import { M2, M4, M7, VECTOR_A, VECTOR_B } from '../../test/vectors';
import { assertSignature, assertTimestampInWindow, msgSignature, urlSignature } from './signature';

describe('callback signatures', () => {
  it('computes the plain signature of M7 (pywe-sign test) and M2 (official Python sample)', () => {
    expect(urlSignature(M7.token, M7.timestamp, M7.nonce)).toBe(M7.signature);
    expect(urlSignature(M2.token, M2.timestamp, M2.nonce)).toBe(M2.plainSignature);
  });

  it('computes msg_signature of Vector A and B (official WeCom sample)', () => {
    const { token } = VECTOR_A;
    expect(msgSignature(token, VECTOR_A.timestamp, VECTOR_A.nonce, VECTOR_A.encrypt)).toBe(
      VECTOR_A.msgSignature,
    );
    expect(msgSignature(token, VECTOR_B.timestamp, VECTOR_B.nonce, VECTOR_B.echostr)).toBe(
      VECTOR_B.msgSignature,
    );
  });

  it('computes msg_signature of M4 (wechatpy test_crypto.py) and refuses a changed nonce', () => {
    expect(msgSignature(M4.token, M4.timestamp, M4.nonce, M4.echostr)).toBe(M4.msgSignature);
    // wechatpy's failing case: nonce 437374424 instead of 437374425.
    const wrong = msgSignature(M4.token, M4.timestamp, '437374424', M4.echostr);
    expect(() => assertSignature(wrong, M4.msgSignature)).toThrow(SignatureMismatchError);
  });

  it('accepts an upper-case hex signature and refuses a missing or shortened one', () => {
    const expected = urlSignature(M7.token, M7.timestamp, M7.nonce);
    expect(() => assertSignature(expected, M7.signature.toUpperCase())).not.toThrow();
    expect(() => assertSignature(expected, undefined)).toThrow(SignatureMismatchError);
    expect(() => assertSignature(expected, M7.signature.slice(1))).toThrow(SignatureMismatchError);
  });
});

describe('timestamp window', () => {
  it('accepts a timestamp within the window and refuses one outside it', () => {
    expect(() => assertTimestampInWindow('1000', 1300, 300)).not.toThrow();
    expect(() => assertTimestampInWindow('1000', 700, 300)).not.toThrow();
    expect(() => assertTimestampInWindow('1000', 1301, 300)).toThrow(TimestampOutOfWindowError);
    expect(() => assertTimestampInWindow('1000', 699, 300)).toThrow(TimestampOutOfWindowError);
  });

  it('refuses a non-numeric timestamp, and checks nothing when the window is 0', () => {
    expect(() => assertTimestampInWindow('12a', 12, 300)).toThrow(TimestampOutOfWindowError);
    expect(() => assertTimestampInWindow(undefined, 12, 300)).toThrow(TimestampOutOfWindowError);
    expect(() => assertTimestampInWindow('1', 1e9, 0)).not.toThrow();
  });
});
