import { randomFillSync, timingSafeEqual } from 'node:crypto';

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

// Random bytes come from a pool refilled 4 KiB at a time: one call into the CSPRNG per few
// hundred messages instead of per message (the same trick Node uses for randomUUID). Bytes are
// handed out once and never reused.
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** Copies `length` fresh CSPRNG bytes into `target` at `offset`. */
export function fillRandom(target: Uint8Array, offset: number, length: number): void {
  if (length > POOL_SIZE) {
    randomFillSync(target, offset, length);
    return;
  }
  if (poolOffset + length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  target.set(pool.subarray(poolOffset, poolOffset + length), offset);
  poolOffset += length;
}

/** `length` fresh CSPRNG bytes. */
export function randomBytesPooled(length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  fillRandom(out, 0, length);
  return out;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random alphanumeric string (nonces for JS-SDK, Pay and replies). */
export function randomString(length = 32): string {
  return pick(ALPHANUMERIC, length);
}

/** A random decimal nonce, the form WeChat itself uses in callback queries. */
export function randomDigits(length = 10): string {
  return pick('0123456789', length);
}

// Uniform choice: bytes at or above the largest multiple of the alphabet size are rejected.
function pick(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = randomBytesPooled(length - out.length + 4);
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      const b = bytes[i]!;
      if (b < limit) out += alphabet[b % alphabet.length];
    }
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
