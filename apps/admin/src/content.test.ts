import { describe, expect, it } from 'vitest';
import { articleState, canPush, isBlankHtml, safeUrl } from './content';

describe('articleState / canPush', () => {
  it('tells drafts, published and pushed articles apart', () => {
    expect(articleState({ status: 'draft', pushedAt: null })).toBe('draft');
    expect(articleState({ status: 'published', pushedAt: null })).toBe('published');
    expect(articleState({ status: 'published', pushedAt: '2026-01-01T00:00:00Z' })).toBe('pushed');
  });

  it('allows a push once, and only when published', () => {
    expect(canPush({ status: 'draft', pushedAt: null })).toBe(false);
    expect(canPush({ status: 'published', pushedAt: null })).toBe(true);
    expect(canPush({ status: 'published', pushedAt: '2026-01-01T00:00:00Z' })).toBe(false);
  });
});

describe('safeUrl', () => {
  it('keeps http(s) addresses and site paths, trimmed', () => {
    expect(safeUrl(' https://example.org/a.png ')).toBe('https://example.org/a.png');
    expect(safeUrl('/uploads/a.png')).toBe('/uploads/a.png');
  });

  it('refuses what the sanitiser would drop', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('//evil.example/x')).toBeNull();
    expect(safeUrl('')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});

describe('isBlankHtml', () => {
  it('treats what an emptied editor leaves as blank', () => {
    expect(isBlankHtml('<p><br></p>')).toBe(true);
    expect(isBlankHtml('&nbsp;')).toBe(true);
  });
  it('keeps text and images', () => {
    expect(isBlankHtml('<p>hi</p>')).toBe(false);
    expect(isBlankHtml('<img src="/a.png">')).toBe(false);
  });
});
