import { hash } from 'node:crypto';
import { safeEqual } from '../core';
import { SignatureMismatchError, TimestampOutOfWindowError } from '../errors';

/** Lowercase hex SHA-1 of the lexically sorted, concatenated parts (WeChat's signature scheme). */
export function sortedSha1(parts: readonly string[]): string {
  // WeChat sorts byte-wise; JavaScript sorts by UTF-16 unit, which is the same for the ASCII
  // tokens, timestamps, nonces and base64 strings that take part.
  return hash('sha1', parts.slice().sort().join(''), 'hex');
}

/** The `signature` of a callback: sha1 over sort(token, timestamp, nonce). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** The `msg_signature` of an encrypted callback: sha1 over sort(token, timestamp, nonce, Encrypt). */
export function msgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

/** Throws SignatureMismatchError unless `received` equals `expected` (constant time). */
export function assertSignature(expected: string, received: string | undefined): void {
  if (received === undefined || !safeEqual(expected, received.toLowerCase())) {
    throw new SignatureMismatchError();
  }
}

/**
 * Throws TimestampOutOfWindowError unless `timestamp` (decimal seconds) is within `windowSeconds`
 * of `nowSeconds`. A window of 0 or less disables the check.
 */
export function assertTimestampInWindow(
  timestamp: string | undefined,
  nowSeconds: number,
  windowSeconds: number,
): void {
  if (windowSeconds <= 0) return;
  const ts = timestamp !== undefined && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(ts) || Math.abs(nowSeconds - ts) > windowSeconds) {
    throw new TimestampOutOfWindowError(ts, windowSeconds);
  }
}
