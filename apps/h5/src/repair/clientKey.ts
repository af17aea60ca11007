const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The report form's idempotency key (`clientKey`): generated once when the form opens, so a
 * second tap, a retry after a lost answer or a double submission returns the same ticket.
 * 22 base62 characters, about 131 bits.
 */
export function newClientKey(
  randomBytes: (count: number) => Uint8Array = (count) =>
    crypto.getRandomValues(new Uint8Array(count)),
): string {
  let key = '';
  while (key.length < 22) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 × 62: bytes above it would favour the first letters.
      if (byte < 248 && key.length < 22) key += ALPHABET[byte % 62];
    }
  }
  return key;
}
