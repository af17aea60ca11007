import { describe, expect, it } from 'vitest';
import { newClientKey } from './clientKey';

describe('report client keys', () => {
  it('match the pattern the server accepts', () => {
    expect(newClientKey()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('differ from one form to the next', () => {
    expect(newClientKey()).not.toBe(newClientKey());
  });

  it('skip bytes that would bias the alphabet', () => {
    // 250 and 251 are above 248 and dropped; 5 and 67 both read as 'F'.
    const key = newClientKey(() =>
      Uint8Array.from({ length: 32 }, (_, i) => [250, 5, 251, 67][i % 4]!),
    );
    expect(key).toBe('F'.repeat(22));
  });
});
