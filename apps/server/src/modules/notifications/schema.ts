import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The outbox. A row is written in the same transaction as the change that causes it; dispatchers
 * on every instance claim due rows with `for update skip locked` and record the outcome.
 * Lifecycle: pending → sending → sent | skipped | failed | dead, and sending → pending on a
 * retryable error (or when a dispatcher died holding the lease).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Enqueueing the same key twice yields one notice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Notice kind, e.g. `appointment_booked` (catalogue in packages/contracts). */
    kind: text('kind').notNull(),
    recipientOpenid: text('recipient_openid').notNull(),
    /** Values for the template's field mapping (no ID or phone numbers). */
    data: jsonb('data').$type<Record<string, string>>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`, the claim expires at this time; after it another dispatcher may retry. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    /** Why it ended failed, dead or skipped. */
    lastError: text('last_error'),
    wechatMsgId: text('wechat_msg_id'),
    /** WeChat's later report on delivery (TEMPLATESENDJOBFINISH), e.g. `success`, `failed:user block`. */
    wechatDelivery: text('wechat_delivery'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'notifications_status_known',
      sql`${t.status} in ('pending','sending','sent','skipped','failed','dead')`,
    ),
    index('notifications_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('notifications_lease_idx')
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'sending'`),
    index('notifications_recipient_idx').on(t.recipientOpenid, t.createdAt),
    index('notifications_kind_idx').on(t.kind, t.createdAt),
    index('notifications_msg_id_idx').on(t.wechatMsgId),
  ],
);

/** Every send attempt with WeChat's answer, for the admin's notification log. */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** sent, skipped, permanent, throttled, transient. */
    outcome: text('outcome').notNull(),
    errcode: integer('errcode'),
    message: text('message'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('notification_attempts_notification_idx').on(t.notificationId)],
);

/** The hospital's template for each notice kind, and how notice data fills its fields. */
export const notificationTemplates = pgTable('notification_templates', {
  kind: text('kind').primaryKey(),
  templateId: text('template_id').notNull(),
  /** Template keyword → pattern with `{{field}}` placeholders from the notice's data. */
  fields: jsonb('fields').$type<Record<string, string>>().notNull(),
  /** Page opened on tap, with placeholders; relative paths are resolved against PUBLIC_URL. */
  url: text('url'),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Shared per-second send budget, so all instances together respect the account's rate. */
export const notificationRateWindow = pgTable('notification_rate_window', {
  id: integer('id').primaryKey().default(1),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  used: integer('used').notNull(),
});
