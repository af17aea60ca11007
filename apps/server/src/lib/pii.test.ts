import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, PiiCipher } from './pii';

const key = () => randomBytes(32);

describe('personal-data cipher', () => {
  it('round-trips and never writes the same ciphertext twice', () => {
    const cipher = new PiiCipher({ keys: [{ id: 'k1', key: key() }], hashKey: key() });
    const a = cipher.encrypt('110101199003071234');
    const b = cipher.encrypt('110101199003071234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1234');
    expect(cipher.decrypt(a)).toBe('110101199003071234');
  });

  it('reads data written under an older key after rotation, and says it needs re-encryption', () => {
    const oldKey = { id: 'k1', key: key() };
    const hashKey = key();
    const before = new PiiCipher({ keys: [oldKey], hashKey });
    const stored = before.encrypt('13812345678');
    const after = new PiiCipher({ keys: [{ id: 'k2', key: key() }, oldKey], hashKey });
    expect(after.decrypt(stored)).toBe('13812345678');
    expect(after.needsRotation(stored)).toBe(true);
    expect(after.needsRotation(after.encrypt('13812345678'))).toBe(false);
    expect(after.lookupHash('13812345678')).toBe(before.lookupHash('13812345678'));
  });

  it('refuses a tampered ciphertext and one relabelled to another key', () => {
    const k1 = { id: 'k1', key: key() };
    const k2 = { id: 'k2', key: key() };
    const cipher = new PiiCipher({ keys: [k1, k2], hashKey: key() });
    const stored = cipher.encrypt('13812345678');
    const raw = Buffer.from(stored.split('.')[2]!, 'base64');
    raw[14] = raw[14]! ^ 1;
    expect(() => cipher.decrypt(`v1.k1.${raw.toString('base64')}`)).toThrow();
    expect(() => cipher.decrypt(stored.replace('.k1.', '.k2.'))).toThrow();
  });

  it('hashes for look-up case- and space-insensitively (an X check digit typed either way)', () => {
    const cipher = new PiiCipher({ keys: [{ id: 'k1', key: key() }], hashKey: key() });
    expect(cipher.lookupHash(' 11010119900307123x')).toBe(cipher.lookupHash('11010119900307123X'));
  });
});

describe('masking', () => {
  it('masks phones, ID numbers and names as patients expect to see them', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李');
  });
});
