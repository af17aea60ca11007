import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM with a key id in every ciphertext so keys can be rotated (new
 * data uses the first key, old data still decrypts with the others), plus a keyed hash beside each
 * value so it can be looked up without decrypting. Output is masked unless the caller may see more.
 */
export interface PiiKeys {
  keys: { id: string; key: Buffer }[];
  hashKey: Buffer;
}

export class PiiCipher {
  readonly #current: { id: string; key: Buffer };
  readonly #byId: Map<string, Buffer>;
  readonly #hashKey: Buffer;

  constructor({ keys, hashKey }: PiiKeys) {
    const current = keys[0];
    if (!current) throw new Error('at least one PII key is required');
    this.#current = current;
    this.#byId = new Map(keys.map((k) => [k.id, k.key]));
    this.#hashKey = hashKey;
  }

  /** Encrypts to `v1.<keyId>.<base64(iv ‖ ciphertext ‖ tag)>`. */
  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#current.key, iv);
    // The key id is authenticated too, so a ciphertext cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(this.#current.id));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const packed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
    return `v1.${this.#current.id}.${packed}`;
  }

  /** Decrypts a value written by `encrypt` with any configured key; throws on tampering. */
  decrypt(stored: string): string {
    const [version, keyId, packed] = stored.split('.');
    const key = keyId ? this.#byId.get(keyId) : undefined;
    if (version !== 'v1' || !key || !packed) throw new Error('unreadable personal-data ciphertext');
    const raw = Buffer.from(packed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(keyId!));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** True when the value was encrypted with a key other than the current one (re-encrypt it). */
  needsRotation(stored: string): boolean {
    return stored.split('.')[1] !== this.#current.id;
  }

  /** Keyed hash (HMAC-SHA256, hex) of a normalised value, for equality look-ups. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.#hashKey).update(value.trim().toUpperCase()).digest('hex');
  }
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** `110101199003071234` → `110***********1234`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** `张三丰` → `张**`; names keep their first character only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
