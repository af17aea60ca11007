import { createHash } from 'node:crypto';
import { and, count, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { PHOTO_MAX_BYTES, PHOTO_MAX_COUNT } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import type { TicketActor } from './actor';
import { ticketPhotos } from './schema';

/**
 * Photos are uploaded one by one before the report (or update) that uses them, checked by their
 * first bytes — never by name or declared type — and kept in the database. A person holds at most
 * nine unattached photos at a time; a report or update attaches at most nine.
 */

/** The image type the bytes really are, or undefined. */
export function sniffImageType(
  bytes: Buffer,
): 'image/jpeg' | 'image/png' | 'image/webp' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}

function uploaderFilter(actor: TicketActor) {
  return actor.accountId
    ? eq(ticketPhotos.uploaderAccountId, actor.accountId)
    : eq(ticketPhotos.uploaderOpenid, actor.openid ?? '');
}

/** Stores an uploaded photo after checking its size, real type and the uploader's pending count. */
export async function uploadPhoto(deps: Deps, actor: TicketActor, bytes: Buffer) {
  if (bytes.length > PHOTO_MAX_BYTES)
    throw new DomainError('PHOTO_TOO_LARGE', { maxBytes: PHOTO_MAX_BYTES });
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new DomainError('PHOTO_TYPE');
  return deps.db.transaction(async (tx) => {
    // One uploader at a time, so parallel uploads cannot pass the count together.
    const key = actor.accountId ?? actor.openid ?? '';
    await tx.execute(sql`select pg_advisory_xact_lock(7240310, hashtext(${key}))`);
    const [pending] = await tx
      .select({ n: count() })
      .from(ticketPhotos)
      .where(and(uploaderFilter(actor), isNull(ticketPhotos.ticketId)));
    if ((pending?.n ?? 0) >= PHOTO_MAX_COUNT)
      throw new DomainError('PHOTO_LIMIT', { max: PHOTO_MAX_COUNT });
    const [row] = await tx
      .insert(ticketPhotos)
      .values({
        uploaderOpenid: actor.accountId ? null : actor.openid,
        uploaderAccountId: actor.accountId,
        contentType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes,
        createdAt: deps.clock.now(),
      })
      .returning({ id: ticketPhotos.id });
    return { id: row!.id, contentType, size: bytes.length };
  });
}

/**
 * Attaches the actor's unattached photos to a ticket event. Photos of someone else, or already
 * attached, or pruned, are refused as a whole (PHOTO_NOT_USABLE).
 */
export async function attachPhotos(
  tx: Executor,
  actor: TicketActor,
  photoIds: string[],
  ticketId: string,
  eventId: number,
): Promise<void> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return;
  if (ids.length > PHOTO_MAX_COUNT) throw new DomainError('PHOTO_LIMIT', { max: PHOTO_MAX_COUNT });
  const attached = await tx
    .update(ticketPhotos)
    .set({ ticketId, eventId })
    .where(and(inArray(ticketPhotos.id, ids), isNull(ticketPhotos.ticketId), uploaderFilter(actor)))
    .returning({ id: ticketPhotos.id });
  if (attached.length !== ids.length) throw new DomainError('PHOTO_NOT_USABLE');
}

/** Checks, before a transaction, that the photos can be attached (same rule as attachPhotos). */
export async function checkPhotos(
  db: Executor,
  actor: TicketActor,
  photoIds: string[],
): Promise<void> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return;
  if (ids.length > PHOTO_MAX_COUNT) throw new DomainError('PHOTO_LIMIT', { max: PHOTO_MAX_COUNT });
  const [usable] = await db
    .select({ n: count() })
    .from(ticketPhotos)
    .where(
      and(inArray(ticketPhotos.id, ids), isNull(ticketPhotos.ticketId), uploaderFilter(actor)),
    );
  if ((usable?.n ?? 0) !== ids.length) throw new DomainError('PHOTO_NOT_USABLE');
}

/** A photo's bytes with its ticket (null while unattached) and uploader. */
export async function photoRow(db: Executor, id: string) {
  const [row] = await db.select().from(ticketPhotos).where(eq(ticketPhotos.id, id));
  return row;
}

/** True when the actor uploaded the photo. */
export function uploadedBy(row: typeof ticketPhotos.$inferSelect, actor: TicketActor): boolean {
  return actor.accountId
    ? row.uploaderAccountId === actor.accountId
    : row.uploaderOpenid !== null && row.uploaderOpenid === actor.openid;
}

/** Deletes photos never attached within a day of their upload. */
export async function pruneUnattachedPhotos(deps: Deps): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - 86_400_000);
  const removed = await deps.db
    .delete(ticketPhotos)
    .where(and(isNull(ticketPhotos.ticketId), lt(ticketPhotos.createdAt, cutoff)))
    .returning({ id: ticketPhotos.id });
  return removed.length;
}
