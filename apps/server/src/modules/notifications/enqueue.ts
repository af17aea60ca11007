import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { NotificationKind } from '@zhangyi/contracts';
import type { Executor } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { notifications } from './schema';

export interface NoticeInput {
  kind: NotificationKind;
  recipientOpenid: string;
  /** Values for the template mapping. Never ID or phone numbers: notices leave the hospital. */
  data: Record<string, string>;
  /**
   * Names the cause, e.g. `appointment_booked:<appointment id>`: enqueueing the same key again
   * (a retried request, a replayed payment notification) yields the same single notice.
   */
  idempotencyKey: string;
  /** Send no earlier than this (reminders); default now. */
  notBefore?: Date;
}

/**
 * Queues a notice. Call it with the transaction of the change that causes it, so the notice
 * exists exactly when the change does: a rolled-back change leaves nothing to send.
 */
export async function enqueueNotification(
  tx: Executor,
  clock: Clock,
  input: NoticeInput,
): Promise<{ id: string; created: boolean }> {
  // One instant: a notice is scheduled exactly when it is due after its creation.
  const now = clock.now();
  const [created] = await tx
    .insert(notifications)
    .values({
      idempotencyKey: input.idempotencyKey,
      kind: input.kind,
      recipientOpenid: input.recipientOpenid,
      data: input.data,
      nextAttemptAt: input.notBefore ?? now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id });
  if (created) return { id: created.id, created: true };
  const [existing] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.idempotencyKey, input.idempotencyKey));
  return { id: existing!.id, created: false };
}

/**
 * Queues many notices in few statements (a push to every follower); like `enqueueNotification`,
 * call it in the transaction of the change, and repeated keys yield one notice each.
 */
export async function enqueueNotifications(
  tx: Executor,
  clock: Clock,
  inputs: NoticeInput[],
): Promise<number> {
  let created = 0;
  const now = clock.now();
  for (let start = 0; start < inputs.length; start += 1000) {
    const rows = await tx
      .insert(notifications)
      .values(
        inputs.slice(start, start + 1000).map((input) => ({
          idempotencyKey: input.idempotencyKey,
          kind: input.kind,
          recipientOpenid: input.recipientOpenid,
          data: input.data,
          nextAttemptAt: input.notBefore ?? now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing({ target: notifications.idempotencyKey })
      .returning({ id: notifications.id });
    created += rows.length;
  }
  return created;
}

/**
 * Withdraws a notice that is not sent yet (a later change made it stale): it ends `skipped`,
 * recorded as superseded. A scheduled notice a dispatcher has claimed is withdrawn too; the
 * dispatcher checks just before sending it. A sent notice is left alone. Returns whether it was
 * withdrawn. Call it in the transaction of the change that supersedes it.
 */
export async function withdrawNotification(
  tx: Executor,
  clock: Clock,
  idempotencyKey: string,
): Promise<boolean> {
  const which = and(
    eq(notifications.idempotencyKey, idempotencyKey),
    inArray(notifications.status, ['pending', 'sending']),
  );
  return (await withdraw(tx, clock, which)) > 0;
}

/**
 * Moves every notice of a kind still waiting for its first attempt to another local time
 * (HH:mm) of the same local day: the hospital changed when such notices go out. Returns how
 * many moved. Call it in the transaction of the change.
 */
export async function retimeWaiting(
  tx: Executor,
  clock: Clock,
  kind: NotificationKind,
  localTime: string,
  timeZone: string,
): Promise<number> {
  const moved = await tx
    .update(notifications)
    .set({
      nextAttemptAt: sql`((${notifications.nextAttemptAt} at time zone ${timeZone})::date + ${localTime}::time) at time zone ${timeZone}`,
      updatedAt: clock.now(),
    })
    .where(waitingOfKind(kind))
    .returning({ id: notifications.id });
  return moved.length;
}

/** Withdraws every notice of a kind still waiting for its first attempt (see `retimeWaiting`). */
export async function withdrawWaiting(
  tx: Executor,
  clock: Clock,
  kind: NotificationKind,
): Promise<number> {
  return withdraw(tx, clock, waitingOfKind(kind));
}

async function withdraw(tx: Executor, clock: Clock, which: SQL | undefined): Promise<number> {
  const withdrawn = await tx
    .update(notifications)
    .set({ status: 'skipped', lastError: 'superseded', updatedAt: clock.now() })
    .where(which)
    .returning({ id: notifications.id });
  return withdrawn.length;
}

function waitingOfKind(kind: NotificationKind) {
  return and(
    eq(notifications.kind, kind),
    eq(notifications.status, 'pending'),
    eq(notifications.attempts, 0),
  );
}
