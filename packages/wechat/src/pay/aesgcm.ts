import { createCipheriv, createDecipheriv } from 'node:crypto';
import { PayDecryptError, WechatArgumentError } from '../errors';

// AEAD_AES_256_GCM as WeChat Pay uses it: key = the APIv3 key's ASCII bytes, IV = the nonce's
// ASCII bytes (12), AAD = associated_data, ciphertext = base64(ciphertext ‖ 16-byte tag).

/** An encrypted WeChat Pay resource (notification `resource`, certificate). */
export interface EncryptedResource {
  ciphertext: string;
  nonce: string;
  associatedData?: string;
}

const TAG_BYTES = 16;

function algorithmFor(key: Buffer): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  // The APIv3 key is 32 bytes; 16 is accepted because wechatpay-go's own test vector uses it.
  if (key.length === 32) return 'aes-256-gcm';
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 24) return 'aes-192-gcm';
  throw new PayDecryptError(`AES-GCM key must be 16, 24 or 32 bytes, not ${key.length}`);
}

/** Decrypts a resource with the APIv3 key; any failure is a PayDecryptError. */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  const algorithm = algorithmFor(key);
  const { ciphertext, nonce } = resource;
  if (
    typeof ciphertext !== 'string' ||
    typeof nonce !== 'string' ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(ciphertext) ||
    ciphertext.length % 4 !== 0
  ) {
    throw new PayDecryptError('ciphertext is not base64');
  }
  const data = Buffer.from(ciphertext, 'base64');
  if (data.length < TAG_BYTES) throw new PayDecryptError('ciphertext shorter than its tag');
  const iv = Buffer.from(nonce, 'utf8');
  if (iv.length === 0) throw new PayDecryptError('empty nonce');
  try {
    const decipher = createDecipheriv(algorithm, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(resource.associatedData ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(data.subarray(0, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new PayDecryptError('authentication failed: wrong APIv3 key or tampered resource');
  }
}

/** Encrypts like WeChat Pay does (for emulators and tests of notification handlers). */
export function encryptResource(
  apiV3Key: string,
  plaintext: string,
  nonce: string,
  associatedData = '',
): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (![16, 24, 32].includes(key.length)) {
    throw new WechatArgumentError('the APIv3 key must be 32 bytes');
  }
  const cipher = createCipheriv(algorithmFor(key), key, Buffer.from(nonce, 'utf8'), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const out = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return out.toString('base64');
}
