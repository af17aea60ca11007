import { describe, expect, it } from 'vitest';
import type { LendingAnnouncement } from '@zhangyi/contracts';
import { announcementBody, announcementToForm, sortAnnouncements } from './lendingAnnouncements';

function announcement(id: string, overrides: Partial<LendingAnnouncement> = {}) {
  return {
    id,
    title: `Title ${id}`,
    body: 'Text',
    pinned: false,
    publishedAt: null,
    authorName: null,
    updatedAt: '2026-11-26T01:00:00Z',
    ...overrides,
  } as LendingAnnouncement;
}

describe('announcement form', () => {
  it('opens a published announcement as published and sends it back trimmed', () => {
    const form = announcementToForm(announcement('a1', { publishedAt: '2026-11-26T01:00:00Z' }));
    expect(form.published).toBe(true);
    expect(announcementBody({ ...form, title: '  停机通知 ' })).toEqual({
      title: '停机通知',
      body: 'Text',
      pinned: false,
      published: true,
    });
  });

  it('refuses an empty title or text and a title over 60 characters', () => {
    const form = announcementToForm(null);
    expect(announcementBody({ ...form, body: 'x' })).toBeNull();
    expect(announcementBody({ ...form, title: 'x', body: '   ' })).toBeNull();
    expect(announcementBody({ ...form, title: 'x'.repeat(61), body: 'x' })).toBeNull();
  });
});

describe('sortAnnouncements', () => {
  it('puts pinned ones first, then the newest change', () => {
    const list = [
      announcement('a1', { updatedAt: '2026-11-26T03:00:00Z' }),
      announcement('a2', { pinned: true, updatedAt: '2026-11-20T00:00:00Z' }),
      announcement('a3', { updatedAt: '2026-11-26T04:00:00Z' }),
    ];
    expect(sortAnnouncements(list).map((a) => a.id)).toEqual(['a2', 'a3', 'a1']);
  });
});
