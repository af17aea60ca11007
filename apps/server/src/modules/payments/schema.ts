import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * A payment order in integer fen. Status: created → paying → paid → partially_refunded → refunded,
 * or → closed when never paid. `refunded_fen` counts refunds that succeeded.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Our order number at WeChat Pay (out_trade_no). */
    outTradeNo: text('out_trade_no').notNull().unique(),
    /** What is paid for (`appointment`) and which record. */
    purpose: text('purpose').notNull(),
    referenceId: uuid('reference_id').notNull(),
    payerOpenid: text('payer_openid').notNull(),
    payerName: text('payer_name'),
    description: text('description').notNull(),
    amountFen: integer('amount_fen').notNull(),
    refundedFen: integer('refunded_fen').notNull().default(0),
    status: text('status').notNull(),
    appId: text('app_id').notNull(),
    mchId: text('mch_id').notNull(),
    prepayId: text('prepay_id'),
    transactionId: text('transaction_id').unique(),
    /** After this WeChat Pay refuses payment (time_expire). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'payment_orders_status',
      sql`${t.status} in ('created','paying','paid','partially_refunded','refunded','closed')`,
    ),
    check('payment_orders_amount', sql`${t.amountFen} > 0`),
    check(
      'payment_orders_refunded',
      sql`${t.refundedFen} >= 0 and ${t.refundedFen} <= ${t.amountFen}`,
    ),
    index('payment_orders_reference_idx').on(t.purpose, t.referenceId),
    index('payment_orders_status_idx').on(t.status, t.updatedAt),
    index('payment_orders_paid_idx').on(t.paidAt),
    index('payment_orders_created_idx').on(t.createdAt),
  ],
);

/**
 * A refund of (part of) a paid order. pending (not yet accepted by WeChat Pay) → processing →
 * succeeded | abnormal | closed. Refunds of one order never add up to more than was paid: the sum
 * of live refunds is checked under the order's row lock.
 */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id, { onDelete: 'restrict' }),
    outRefundNo: text('out_refund_no').notNull().unique(),
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    /** `patient`, `system`, or `staff:<account id>`. */
    requestedBy: text('requested_by').notNull(),
    wechatRefundId: text('wechat_refund_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'payment_refunds_status',
      sql`${t.status} in ('pending','processing','succeeded','abnormal','closed')`,
    ),
    check('payment_refunds_amount', sql`${t.amountFen} > 0`),
    index('payment_refunds_order_idx').on(t.orderId),
    index('payment_refunds_open_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending','processing')`),
    index('payment_refunds_created_idx').on(t.createdAt),
  ],
);

/** What happened to an order: notifications applied, query results, state changes. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => paymentOrders.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    detail: text('detail').notNull(),
    /** A WeChat Pay notification id: each is applied once. */
    notificationId: text('notification_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('payment_events_order_idx').on(t.orderId, t.id),
    uniqueIndex('payment_events_notification_idx')
      .on(t.notificationId)
      .where(sql`${t.notificationId} is not null`),
  ],
);

/** One day's comparison of our orders with WeChat Pay's trade bill. */
export const paymentReconciliations = pgTable('payment_reconciliations', {
  date: date('date').primaryKey(),
  status: text('status').notNull(),
  report: jsonb('report').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
