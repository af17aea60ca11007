import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it('follows a path of this console, query included', () => {
    expect(safeRedirect('/accounts?page=2')).toBe('/accounts?page=2');
  });

  it('refuses other sites, protocol-relative or backslashed', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      'accounts',
    ]) {
      expect(safeRedirect(value)).toEqual({ name: 'dashboard' });
    }
  });

  it('goes to the dashboard without a redirect or with a repeated one', () => {
    expect(safeRedirect(undefined)).toEqual({ name: 'dashboard' });
    expect(safeRedirect(['/accounts', '/dashboard'])).toEqual({ name: 'dashboard' });
  });
});
