import type { AnnouncementBody, LendingAnnouncement } from '@zhangyi/contracts';

/** An announcement as the form holds it. */
export interface AnnouncementForm {
  title: string;
  body: string;
  pinned: boolean;
  published: boolean;
}

/** The form of an announcement, or an empty unpublished one. */
export function announcementToForm(announcement: LendingAnnouncement | null): AnnouncementForm {
  return announcement
    ? {
        title: announcement.title,
        body: announcement.body,
        pinned: announcement.pinned,
        published: announcement.publishedAt !== null,
      }
    : { title: '', body: '', pinned: false, published: false };
}

/** The body of the form, trimmed; null while the title or text is empty or too long. */
export function announcementBody(form: AnnouncementForm): AnnouncementBody | null {
  const title = form.title.trim();
  const body = form.body.trim();
  if (!title || title.length > 60 || !body || body.length > 5000) return null;
  return { title, body, pinned: form.pinned, published: form.published };
}

/** Pinned first, then the newest change first: the order the H5 公告 tab shows. */
export function sortAnnouncements(list: readonly LendingAnnouncement[]): LendingAnnouncement[] {
  return [...list].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt.localeCompare(a.updatedAt),
  );
}
