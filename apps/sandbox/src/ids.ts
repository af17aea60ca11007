// Identifiers shaped like WeChat's, so the server's validation and storage are exercised.
import { randomBytes, randomInt } from 'node:crypto';

const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters drawn from `alphabet`. */
export function randomString(length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** An OpenID: `o` followed by 27 URL-safe characters, like `oyORnuP8q7ou2gfYjqLzSIWZf0rs`. */
export function newOpenid(): string {
  return 'o' + randomString(27, URLSAFE);
}

/** An access token of the length WeChat currently issues (well under the 512 to reserve). */
export function newAccessToken(): string {
  return randomString(136, URLSAFE);
}

/** Random decimal digits. */
export function digits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(10));
  return out;
}

/** A QR ticket: base64 with `+`, `/` and `=` likely, so callers must URL-encode it. */
export function newTicket(): string {
  return 'gQ' + randomBytes(40).toString('base64');
}

/** A random hex string (nonces). */
export function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
