import { describe, expect, it } from 'vitest';
import { decoyPasswordHash, hashPassword, passwordMeetsPolicy, verifyPassword } from './password';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Correct#Horse9battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Correct#Horse9battery', hash)).toBe(true);
    expect(await verifyPassword('Correct#Horse9batterY', hash)).toBe(false);
  });

  it('never matches the decoy hash or a malformed one', async () => {
    expect(await verifyPassword('', decoyPasswordHash)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('applies the staff policy: length, three classes, not common, not the username', () => {
    expect(passwordMeetsPolicy('Short#1a', 'u')).toBe(false);
    expect(passwordMeetsPolicy('alllowercaseletters', 'u')).toBe(false);
    expect(passwordMeetsPolicy('Password@123', 'u')).toBe(false); // common
    expect(passwordMeetsPolicy('Wangmin#2026x', 'wangmin')).toBe(false);
    expect(passwordMeetsPolicy('Ward7-Night-Shift', 'chenjing')).toBe(true);
  });
});
