import { desc, eq, isNotNull } from 'drizzle-orm';
import type { AnnouncementBody, LendingAnnouncement } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { staffAccounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { lendingAnnouncements } from './schema';

/**
 * The centre's own announcements (公告 tab): written by equipment managers for staff, unlike the
 * content module's, which administrators publish to patients.
 */

async function views(db: Executor, publishedOnly: boolean, id?: string) {
  const rows = await db
    .select({ a: lendingAnnouncements, author: staffAccounts.displayName })
    .from(lendingAnnouncements)
    .leftJoin(staffAccounts, eq(staffAccounts.id, lendingAnnouncements.authorId))
    .where(
      id
        ? eq(lendingAnnouncements.id, id)
        : publishedOnly
          ? isNotNull(lendingAnnouncements.publishedAt)
          : undefined,
    )
    .orderBy(
      desc(lendingAnnouncements.pinned),
      desc(lendingAnnouncements.publishedAt),
      desc(lendingAnnouncements.createdAt),
    );
  return rows
    .filter((r) => !publishedOnly || r.a.publishedAt !== null)
    .map(({ a, author }): LendingAnnouncement => ({
      id: a.id,
      title: a.title,
      body: a.body,
      pinned: a.pinned,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      authorName: author,
      updatedAt: a.updatedAt.toISOString(),
    }));
}

/** Published announcements, pinned first, newest first. */
export function publishedAnnouncements(deps: Deps) {
  return views(deps.db, true);
}

/** One published announcement. */
export async function publishedAnnouncement(deps: Deps, id: string) {
  const [one] = await views(deps.db, true, id);
  if (!one) throw new DomainError('NOT_FOUND');
  return one;
}

/** Every announcement, drafts included (console). */
export function allAnnouncements(deps: Deps) {
  return views(deps.db, false);
}

/** Writes or changes an announcement; publishing keeps the first publication time. */
export async function saveAnnouncement(
  deps: Deps,
  meta: RequestMeta,
  id: string | null,
  body: AnnouncementBody,
): Promise<LendingAnnouncement> {
  const now = deps.clock.now();
  const authorId = meta.actor.type === 'staff' ? meta.actor.accountId : null;
  const savedId = await deps.db.transaction(async (tx) => {
    const values = {
      title: body.title.trim(),
      body: body.body,
      pinned: body.pinned,
      updatedAt: now,
    };
    let rowId: string;
    if (id) {
      const [existing] = await tx
        .select()
        .from(lendingAnnouncements)
        .where(eq(lendingAnnouncements.id, id));
      if (!existing) throw new DomainError('NOT_FOUND');
      await tx
        .update(lendingAnnouncements)
        .set({
          ...values,
          publishedAt: body.published ? (existing.publishedAt ?? now) : null,
        })
        .where(eq(lendingAnnouncements.id, id));
      rowId = id;
    } else {
      const [created] = await tx
        .insert(lendingAnnouncements)
        .values({
          ...values,
          publishedAt: body.published ? now : null,
          authorId,
          createdAt: now,
        })
        .returning({ id: lendingAnnouncements.id });
      rowId = created!.id;
    }
    await recordAudit(tx, meta, {
      action: 'lending.announcement_save',
      result: 'success',
      objectType: 'lending_announcement',
      objectId: rowId,
    });
    return rowId;
  });
  return (await views(deps.db, false, savedId))[0]!;
}

/** Deletes an announcement; audited. */
export async function deleteAnnouncement(deps: Deps, meta: RequestMeta, id: string) {
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(lendingAnnouncements)
      .where(eq(lendingAnnouncements.id, id))
      .returning();
    if (removed.length === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, meta, {
      action: 'lending.announcement_delete',
      result: 'success',
      objectType: 'lending_announcement',
      objectId: id,
    });
  });
}
