import { describe, expect, it } from 'vitest';
import { internalReturnPath } from './returnTo';

describe('returning after a detour', () => {
  it('follows a path inside the app with its query', () => {
    expect(internalReturnPath('/schedules/abc/confirm?slot=def')).toBe(
      '/schedules/abc/confirm?slot=def',
    );
  });

  it('refuses anything that could leave the app', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'patients',
    ]) {
      expect(internalReturnPath(bad), bad).toBeNull();
    }
    expect(internalReturnPath(['/a'])).toBeNull();
    expect(internalReturnPath(undefined)).toBeNull();
  });
});
