import { and, count, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import {
  notificationKinds,
  type Notification,
  type NotificationKind,
  type NotificationStatus,
} from '@zhangyi/contracts';
import { WechatApiError } from '@zhangyi/wechat';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { classifySendError } from './classify';
import { notificationAttempts, notifications } from './schema';
import { isNotificationKind, renderNotice, sampleData, templateFor } from './templates';

type NotificationRow = typeof notifications.$inferSelect;

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    recipientOpenid: row.recipientOpenid,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    wechatMsgId: row.wechatMsgId,
    wechatDelivery: row.wechatDelivery,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

export interface NotificationListInput {
  page?: number;
  pageSize?: number;
  openid?: string;
  kind?: string;
  status?: NotificationStatus;
}

/** The notification log, newest first, filtered by recipient, kind and status. */
export async function listNotifications(db: Executor, input: NotificationListInput) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const filters: SQL[] = [];
  if (input.openid) filters.push(eq(notifications.recipientOpenid, input.openid));
  if (input.kind) filters.push(eq(notifications.kind, input.kind));
  if (input.status) filters.push(eq(notifications.status, input.status));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(notifications).where(where),
  ]);
  return { items: rows.map(toNotification), total: totals?.total ?? 0 };
}

/** One notice with its data and every attempt. */
export async function notificationDetail(db: Executor, id: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const attempts = await db
    .select()
    .from(notificationAttempts)
    .where(eq(notificationAttempts.notificationId, id))
    .orderBy(notificationAttempts.id);
  return {
    notification: toNotification(row),
    data: row.data,
    attempts: attempts.map((a) => ({
      at: a.at.toISOString(),
      outcome: a.outcome,
      errcode: a.errcode,
      message: a.message,
      durationMs: a.durationMs,
    })),
  };
}

/** Puts a failed or dead-lettered notice back in the queue with a fresh attempt count. */
export async function retryNotification(
  deps: Deps,
  meta: RequestMeta,
  id: string,
): Promise<Notification> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: deps.clock.now(),
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(notifications.id, id), inArray(notifications.status, ['failed', 'dead'])))
      .returning();
    if (!row) {
      const [exists] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(eq(notifications.id, id));
      throw new DomainError(exists ? 'NOTIFICATION_NOT_RETRYABLE' : 'NOT_FOUND');
    }
    await recordAudit(tx, meta, {
      action: 'notification.retry',
      result: 'success',
      objectType: 'notification',
      objectId: id,
    });
    return toNotification(row);
  });
}

/** Sends a kind's configured template with sample data to one user now, bypassing the queue. */
export async function testSend(deps: Deps, meta: RequestMeta, kindName: string, openid: string) {
  if (!isNotificationKind(kindName)) throw new DomainError('NOTIFICATION_KIND_UNKNOWN');
  const kind: NotificationKind = kindName;
  if (!deps.wechat) throw new DomainError('WECHAT_NOT_CONFIGURED');
  const template = await templateFor(deps.db, kind);
  if (!template) throw new DomainError('TEMPLATE_NOT_CONFIGURED');
  const rendered = renderNotice(template, sampleData(kind), deps.config.publicUrl);
  let result;
  try {
    const msgId = await deps.wechat.client.template.send({
      toUser: openid,
      templateId: rendered.templateId,
      data: rendered.data,
      ...(rendered.url && { url: rendered.url }),
    });
    result = { ok: true, wechatMsgId: msgId, errcode: null, message: null };
  } catch (error) {
    const failure = classifySendError(error);
    result = {
      ok: false,
      wechatMsgId: null,
      errcode: error instanceof WechatApiError ? error.errcode : null,
      message: failure.message,
    };
  }
  await recordAudit(deps.db, meta, {
    action: 'notification.test_send',
    result: result.ok ? 'success' : 'failure',
    objectType: 'notification_template',
    objectId: kind,
    details: { errcode: result.errcode, title: notificationKinds[kind].zh },
  });
  return result;
}

/** Deletes delivered and skipped notices older than the retention period (a daily job). */
export async function pruneNotifications(deps: Deps, retentionDays = 180): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000);
  const rows = await deps.db
    .delete(notifications)
    .where(
      and(inArray(notifications.status, ['sent', 'skipped']), lt(notifications.createdAt, before)),
    )
    .returning({ id: notifications.id });
  return rows.length;
}

/** Stores WeChat's delivery report of a template message (the TEMPLATESENDJOBFINISH event). */
export async function recordDeliveryReport(
  db: Executor,
  wechatMsgId: string,
  status: string,
): Promise<void> {
  await db
    .update(notifications)
    .set({ wechatDelivery: status.slice(0, 64) })
    .where(eq(notifications.wechatMsgId, wechatMsgId));
}
