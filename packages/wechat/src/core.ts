import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A source of the current time; injected so tests and the server control it. */
export interface Clock {
  /** Milliseconds since the Unix epoch, like `Date.now()`. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Current time in whole seconds, the unit WeChat uses in timestamps. */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric string (nonces for JS-SDK, Pay and replies). */
export function randomString(length = 32): string {
  const bytes = randomBytes(length);
  let out = '';
  // 62 does not divide 256, so reject the top of the byte range to stay uniform.
  for (let i = 0; i < length; i++) {
    let b = bytes[i]!;
    while (b >= 248) b = randomBytes(1)[0]!;
    out += ALPHANUMERIC[b % 62];
  }
  return out;
}

/** A random decimal nonce, the form WeChat itself uses in callback queries. */
export function randomDigits(length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) {
    let b = bytes[i]!;
    while (b >= 250) b = randomBytes(1)[0]!;
    out += String(b % 10);
  }
  return out;
}

/** Compares two strings in time that depends only on their lengths. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    // Still spend a comparison so a length mismatch is not much faster than a content one.
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** UTF-8 byte length of a string (WeChat limits names and keys in bytes). */
export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
