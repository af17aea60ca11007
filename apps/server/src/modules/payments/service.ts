import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { PayRequest } from '@zhangyi/contracts';
import { PayApiError, type PayClient, type Refund, type Transaction } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import type { Clock } from '../../lib/clock';
import { paymentEvents, paymentOrders, paymentRefunds } from './schema';

export type PaymentOrder = typeof paymentOrders.$inferSelect;
export type PaymentRefund = typeof paymentRefunds.$inferSelect;

/**
 * What a paying module (appointments now; bills and deposits later) does when its order changes.
 * Each hook runs inside the transaction that changes the order, so both commit or neither does.
 */
export interface PurposeHandler {
  /** The order was paid. Answer `{ refund: reason }` when the thing paid for is gone. */
  onPaid(tx: Tx, order: PaymentOrder, deps: Deps): Promise<{ refund?: string }>;
  /** The order was closed unpaid. */
  onClosed?(tx: Tx, order: PaymentOrder, deps: Deps): Promise<void>;
  /** A refund of the order succeeded. */
  onRefunded?(tx: Tx, order: PaymentOrder, refund: PaymentRefund, deps: Deps): Promise<void>;
}

const handlers = new Map<string, PurposeHandler>();

/** Declares the module that owns orders of a purpose; done once at start-up. */
export function registerPaymentPurpose(purpose: string, handler: PurposeHandler): void {
  handlers.set(purpose, handler);
}

function handlerFor(purpose: string): PurposeHandler {
  const handler = handlers.get(purpose);
  if (!handler) throw new Error(`no payment handler for purpose ${purpose}`);
  return handler;
}

export function requirePay(deps: Deps): { pay: PayClient; appId: string; mchId: string } {
  const pay = deps.wechat?.pay;
  const mchId = deps.wechat?.config.pay?.mchId;
  if (!deps.wechat || !pay || !mchId) throw new DomainError('PAYMENT_UNAVAILABLE');
  return { pay, appId: deps.wechat.config.appId, mchId };
}

function compactStamp(now: Date): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

function randomDigits(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(randomInt(10));
  return out;
}

/** Our order and refund numbers: prefix, UTC time to the second, random digits (≤ 32 chars). */
function orderNumber(prefix: string, now: Date): string {
  return `${prefix}${compactStamp(now)}${randomDigits(10)}`;
}

async function recordEvent(
  tx: Executor,
  clock: Clock,
  orderId: string,
  kind: string,
  detail: string,
  notificationId?: string,
): Promise<boolean> {
  const inserted = await tx
    .insert(paymentEvents)
    .values({ orderId, kind, detail, notificationId: notificationId ?? null, at: clock.now() })
    .onConflictDoNothing()
    .returning({ id: paymentEvents.id });
  return inserted.length > 0;
}

export interface NewOrder {
  /** The order's id, when the caller names it before inserting (e.g. to refer to it first). */
  id?: string;
  purpose: string;
  referenceId: string;
  payerOpenid: string;
  payerName: string | null;
  /** Shown in the pay sheet, ≤ 127 bytes. */
  description: string;
  amountFen: number;
  /** After this the order cannot be paid. */
  expiresAt: Date;
}

/**
 * Creates an order in the caller's transaction (with its first event, in one statement); WeChat
 * Pay hears of it when payment starts.
 */
export async function createPaymentOrder(
  tx: Executor,
  deps: Deps,
  input: NewOrder,
): Promise<{ id: string; outTradeNo: string }> {
  const order = paymentOrderInsertWhen(deps, input, sql`true`);
  await tx.execute(sql`with ${order.ctes} select 1`);
  return { id: order.id, outTradeNo: order.outTradeNo };
}

/**
 * The order and its first event as two CTEs (`payment_order`, `payment_order_event`) that insert
 * only when `condition` holds, for a caller that creates what the order pays for in the same
 * statement.
 */
export function paymentOrderInsertWhen(
  deps: Deps,
  input: NewOrder,
  condition: SQL,
): { ctes: SQL; id: string; outTradeNo: string } {
  const { appId, mchId } = requirePay(deps);
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
    throw new Error(`an order needs a positive integer amount of fen, not ${input.amountFen}`);
  }
  const now = deps.clock.now();
  const id = input.id ?? randomUUID();
  const outTradeNo = orderNumber('ZY', now);
  const ctes = sql`payment_order as (
      insert into payment_orders (id, out_trade_no, purpose, reference_id, payer_openid,
        payer_name, description, amount_fen, status, app_id, mch_id, expires_at, created_at,
        updated_at)
      select ${id}::uuid, ${outTradeNo}, ${input.purpose}, ${input.referenceId}::uuid, ${input.payerOpenid},
        ${input.payerName}, ${input.description}, ${input.amountFen}::int, 'created', ${appId},
        ${mchId}, ${input.expiresAt}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      where ${condition}
      returning id
    ), payment_order_event as (
      insert into payment_events (order_id, kind, detail, at)
      select id, 'created', ${`${input.amountFen} fen`}, ${now}::timestamptz from payment_order
    )`;
  return { ctes, id, outTradeNo };
}

export async function findOrder(db: Executor, id: string): Promise<PaymentOrder | undefined> {
  const [order] = await db.select().from(paymentOrders).where(eq(paymentOrders.id, id));
  return order;
}

/**
 * Places the JSAPI order at WeChat Pay (again, if the page asks again: WeChat answers the same
 * prepay_id for the same unpaid order) and signs the pay sheet's parameters.
 */
export async function startJsapiPayment(deps: Deps, orderId: string): Promise<PayRequest> {
  const { pay, appId } = requirePay(deps);
  const order = await findOrder(deps.db, orderId);
  if (!order) throw new DomainError('NOT_FOUND');
  if (order.status !== 'created' && order.status !== 'paying') {
    throw new DomainError('PAYMENT_STATE', { status: order.status });
  }
  if (order.expiresAt <= deps.clock.now()) throw new DomainError('HOLD_EXPIRED');
  let prepayId: string;
  try {
    ({ prepayId } = await pay.transactions.createJsapiOrder({
      appId,
      description: order.description,
      outTradeNo: order.outTradeNo,
      notifyUrl: notifyUrl(deps),
      amountFen: order.amountFen,
      payerOpenid: order.payerOpenid,
      timeExpire: rfc3339(order.expiresAt),
      attach: order.purpose,
    }));
  } catch (error) {
    deps.log.warn({ err: error, outTradeNo: order.outTradeNo }, 'JSAPI order failed');
    if (error instanceof PayApiError && error.payCode === 'ORDERPAID') {
      await syncPaymentOrder(deps, order.id);
      throw new DomainError('PAYMENT_STATE', { status: 'paid' });
    }
    throw new DomainError('PAYMENT_UNAVAILABLE');
  }
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(paymentOrders)
      .set({ status: 'paying', prepayId, updatedAt: deps.clock.now() })
      .where(
        and(eq(paymentOrders.id, order.id), inArray(paymentOrders.status, ['created', 'paying'])),
      )
      .returning({ id: paymentOrders.id });
    if (updated.length > 0 && order.status === 'created') {
      await recordEvent(tx, deps.clock, order.id, 'prepay', prepayId);
    }
  });
  return pay.transactions.bridgeParams(appId, prepayId);
}

/** `2026-11-26T10:00:00+08:00` style time, as WeChat Pay wants it (the offset is ours to pick). */
function rfc3339(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}

export function notifyUrl(deps: Deps): string {
  return `${deps.config.publicUrl}/api/payments/wechat/notify`;
}

/** Thrown when WeChat Pay's record does not belong to, or does not match, our order. */
export class PaymentMismatchError extends Error {}

/**
 * Applies WeChat Pay's view of a payment (from a notification or a query), exactly once: the
 * order row is locked and only a paying order moves to paid; a repeat finds it paid and changes
 * nothing. Amount, AppID and merchant id must match the order.
 */
export async function applyTransaction(
  deps: Deps,
  transaction: Transaction,
  source: { kind: 'notification'; id: string } | { kind: 'query' },
): Promise<{ order: PaymentOrder | undefined; changed: boolean; refundRequested: boolean }> {
  const [existing] = await deps.db
    .select()
    .from(paymentOrders)
    .where(eq(paymentOrders.outTradeNo, transaction.outTradeNo));
  if (!existing) {
    deps.log.error({ outTradeNo: transaction.outTradeNo }, 'WeChat Pay names an unknown order');
    return { order: undefined, changed: false, refundRequested: false };
  }
  if (transaction.appid !== existing.appId || transaction.mchid !== existing.mchId) {
    throw new PaymentMismatchError(`appid/mchid of ${existing.outTradeNo} do not match`);
  }
  const paidLike = transaction.tradeState === 'SUCCESS' || transaction.tradeState === 'REFUND';
  if (paidLike && transaction.amount.total !== existing.amountFen) {
    throw new PaymentMismatchError(
      `amount of ${existing.outTradeNo} is ${transaction.amount.total}, expected ${existing.amountFen}`,
    );
  }
  const notificationId = source.kind === 'notification' ? source.id : undefined;
  const outcome = await deps.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(paymentOrders)
      .where(eq(paymentOrders.id, existing.id))
      .for('update');
    const now = deps.clock.now();
    if (notificationId) {
      const fresh = await recordEvent(
        tx,
        deps.clock,
        order!.id,
        'notification',
        `${transaction.tradeState} ${transaction.transactionId ?? ''}`.trim(),
        notificationId,
      );
      if (!fresh) return { order: order!, changed: false, refundRequested: false };
    }
    if (paidLike) {
      if (order!.status === 'created' || order!.status === 'paying' || order!.status === 'closed') {
        const wasClosed = order!.status === 'closed';
        const [paid] = await tx
          .update(paymentOrders)
          .set({
            status: 'paid',
            transactionId: transaction.transactionId ?? null,
            paidAt: transaction.successTime ? new Date(transaction.successTime) : now,
            updatedAt: now,
          })
          .where(eq(paymentOrders.id, order!.id))
          .returning();
        await recordEvent(tx, deps.clock, order!.id, 'paid', transaction.transactionId ?? '');
        // Money that arrives for an order we already gave up on goes straight back.
        const verdict = wasClosed
          ? { refund: 'order closed before payment arrived' }
          : await handlerFor(paid!.purpose).onPaid(tx, paid!, deps);
        if (verdict.refund) {
          await requestRefundInTx(tx, deps.clock, {
            orderId: paid!.id,
            amountFen: paid!.amountFen,
            reason: verdict.refund,
            requestedBy: 'system',
          });
        }
        return { order: paid!, changed: true, refundRequested: Boolean(verdict.refund) };
      }
      if (order!.transactionId && order!.transactionId !== transaction.transactionId) {
        deps.log.error({ outTradeNo: order!.outTradeNo }, 'a second transaction id for one order');
      }
      return { order: order!, changed: false, refundRequested: false };
    }
    if (['CLOSED', 'REVOKED', 'PAYERROR'].includes(transaction.tradeState)) {
      if (order!.status === 'created' || order!.status === 'paying') {
        const [closed] = await tx
          .update(paymentOrders)
          .set({ status: 'closed', closedAt: now, updatedAt: now })
          .where(eq(paymentOrders.id, order!.id))
          .returning();
        await recordEvent(tx, deps.clock, order!.id, 'closed', transaction.tradeState);
        await handlerFor(closed!.purpose).onClosed?.(tx, closed!, deps);
        return { order: closed!, changed: true, refundRequested: false };
      }
    }
    return { order: order!, changed: false, refundRequested: false };
  });
  if (outcome.refundRequested) void submitDueRefunds(deps).catch(() => undefined);
  return outcome;
}

/**
 * Asks WeChat Pay what became of an order whose outcome we do not know (the user came back from
 * the pay sheet; a notification may be late or lost) and applies the answer. An unpaid order
 * past its expiry is closed at WeChat Pay first, so that it can no longer be paid.
 */
export async function syncPaymentOrder(deps: Deps, orderId: string): Promise<PaymentOrder> {
  const { pay } = requirePay(deps);
  const order = await findOrder(deps.db, orderId);
  if (!order) throw new DomainError('NOT_FOUND');
  if (order.status !== 'paying' && order.status !== 'created') return order;
  if (order.status === 'created') {
    // WeChat Pay never heard of it: nothing to ask; past expiry it simply closes.
    if (order.expiresAt <= deps.clock.now()) return closeOrderLocally(deps, order, 'expired');
    return order;
  }
  let transaction: Transaction;
  try {
    transaction = await pay.transactions.queryByOutTradeNo(order.outTradeNo);
  } catch (error) {
    deps.log.warn({ err: error, outTradeNo: order.outTradeNo }, 'payment query failed');
    return order;
  }
  if (transaction.tradeState === 'NOTPAY' || transaction.tradeState === 'USERPAYING') {
    if (order.expiresAt > deps.clock.now()) return order;
    try {
      await pay.transactions.close(order.outTradeNo);
    } catch (error) {
      deps.log.warn({ err: error, outTradeNo: order.outTradeNo }, 'closing the order failed');
      return order;
    }
    // Paid in the instant before the close? Ask once more; only an unpaid order is closed here.
    const after = await pay.transactions.queryByOutTradeNo(order.outTradeNo);
    if (after.tradeState === 'NOTPAY' || after.tradeState === 'CLOSED') {
      return closeOrderLocally(deps, order, 'expired');
    }
    transaction = after;
  }
  await recordEvent(deps.db, deps.clock, order.id, 'query', transaction.tradeState);
  const applied = await applyTransaction(deps, transaction, { kind: 'query' });
  return applied.order ?? order;
}

async function closeOrderLocally(
  deps: Deps,
  order: PaymentOrder,
  why: string,
): Promise<PaymentOrder> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [closed] = await tx
      .update(paymentOrders)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(
        and(eq(paymentOrders.id, order.id), inArray(paymentOrders.status, ['created', 'paying'])),
      )
      .returning();
    if (!closed) return (await findOrder(tx, order.id))!;
    await recordEvent(tx, deps.clock, order.id, 'closed', why);
    await handlerFor(closed.purpose).onClosed?.(tx, closed, deps);
    return closed;
  });
}

/**
 * Abandons an unpaid order (its hold ended, the patient cancelled): closes it at WeChat Pay and
 * here. If WeChat Pay says it was paid after all, the payment is applied instead (and refunded by
 * the purpose's handler when the thing paid for is gone).
 */
export async function abandonPaymentOrder(deps: Deps, orderId: string): Promise<void> {
  const order = await findOrder(deps.db, orderId);
  if (!order || (order.status !== 'created' && order.status !== 'paying')) return;
  if (order.status === 'created' || !deps.wechat?.pay) {
    await closeOrderLocally(deps, order, 'abandoned');
    return;
  }
  const { pay } = requirePay(deps);
  try {
    await pay.transactions.close(order.outTradeNo);
  } catch (error) {
    // ORDERPAID and friends: the query below tells what happened.
    deps.log.info({ err: error, outTradeNo: order.outTradeNo }, 'close refused');
  }
  try {
    const transaction = await pay.transactions.queryByOutTradeNo(order.outTradeNo);
    if (transaction.tradeState === 'SUCCESS' || transaction.tradeState === 'REFUND') {
      await applyTransaction(deps, transaction, { kind: 'query' });
      return;
    }
  } catch (error) {
    // Unknown: the sync job asks again later.
    deps.log.warn({ err: error, outTradeNo: order.outTradeNo }, 'query after close failed');
    return;
  }
  await closeOrderLocally(deps, order, 'abandoned');
}

export interface RefundInput {
  orderId: string;
  amountFen: number;
  reason: string;
  /** `patient`, `system` or `staff:<account id>`. */
  requestedBy: string;
}

/**
 * Records a refund in the caller's transaction (locking the order so that refunds never add up to
 * more than was paid); it is sent to WeChat Pay after the commit, and retried by a job.
 */
export async function requestRefundInTx(
  tx: Tx,
  clock: Clock,
  input: RefundInput,
): Promise<PaymentRefund> {
  const [order] = await tx
    .select()
    .from(paymentOrders)
    .where(eq(paymentOrders.id, input.orderId))
    .for('update');
  if (!order) throw new DomainError('NOT_FOUND');
  if (!['paid', 'partially_refunded'].includes(order.status)) {
    throw new DomainError('PAYMENT_STATE', { status: order.status });
  }
  const [committed] = await tx
    .select({ fen: sql<number>`coalesce(sum(${paymentRefunds.amountFen}), 0)::int` })
    .from(paymentRefunds)
    .where(
      and(
        eq(paymentRefunds.orderId, order.id),
        inArray(paymentRefunds.status, ['pending', 'processing', 'succeeded']),
      ),
    );
  const refundable = order.amountFen - committed!.fen;
  if (
    !Number.isSafeInteger(input.amountFen) ||
    input.amountFen <= 0 ||
    input.amountFen > refundable
  ) {
    throw new DomainError('REFUND_EXCEEDS_PAID', { refundableFen: refundable });
  }
  const now = clock.now();
  const [refund] = await tx
    .insert(paymentRefunds)
    .values({
      orderId: order.id,
      outRefundNo: orderNumber('RF', now),
      amountFen: input.amountFen,
      reason: input.reason,
      status: 'pending',
      requestedBy: input.requestedBy,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning();
  await recordEvent(
    tx,
    clock,
    order.id,
    'refund_requested',
    `${input.amountFen} fen: ${input.reason}`,
  );
  return refund!;
}

const REFUND_LEASE_MS = 60_000;

function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends due refunds to WeChat Pay. Each is claimed with a lease first, so two instances never
 * send one at once (and WeChat Pay treats a repeated out_refund_no as the same refund anyway).
 */
export async function submitDueRefunds(deps: Deps, limit = 20): Promise<number> {
  const pay = deps.wechat?.pay;
  if (!pay) return 0;
  const now = deps.clock.now();
  const claimed = await deps.db
    .update(paymentRefunds)
    .set({ nextAttemptAt: new Date(now.getTime() + REFUND_LEASE_MS) })
    .where(
      inArray(
        paymentRefunds.id,
        deps.db
          .select({ id: paymentRefunds.id })
          .from(paymentRefunds)
          .where(and(eq(paymentRefunds.status, 'pending'), lte(paymentRefunds.nextAttemptAt, now)))
          .limit(limit),
      ),
    )
    .returning();
  let sent = 0;
  for (const refund of claimed) {
    const order = (await findOrder(deps.db, refund.orderId))!;
    try {
      const answer = await pay.refunds.create({
        outTradeNo: order.outTradeNo,
        outRefundNo: refund.outRefundNo,
        refundFen: refund.amountFen,
        totalFen: order.amountFen,
        reason: refund.reason.slice(0, 80),
        notifyUrl: notifyUrl(deps),
      });
      await applyRefund(deps, answer);
      sent++;
    } catch (error) {
      const attempts = refund.attempts + 1;
      deps.log.warn({ err: error, outRefundNo: refund.outRefundNo, attempts }, 'refund failed');
      await deps.db
        .update(paymentRefunds)
        .set({
          attempts,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          nextAttemptAt: new Date(deps.clock.now().getTime() + retryDelayMs(attempts)),
        })
        .where(and(eq(paymentRefunds.id, refund.id), eq(paymentRefunds.status, 'pending')));
    }
  }
  return sent;
}

const REFUND_STATUS: Record<string, PaymentRefund['status']> = {
  PROCESSING: 'processing',
  SUCCESS: 'succeeded',
  ABNORMAL: 'abnormal',
  CLOSED: 'closed',
};

/**
 * Applies WeChat Pay's view of a refund (answer, notification or query), once: only a refund that
 * is not final yet moves, and a success adds its amount to the order under the order's lock.
 */
export async function applyRefund(
  deps: Deps,
  refund: Refund,
  notificationId?: string,
): Promise<{ changed: boolean }> {
  const status = REFUND_STATUS[refund.status];
  const [known] = await deps.db
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.outRefundNo, refund.outRefundNo));
  if (!known || !status) {
    deps.log.error({ outRefundNo: refund.outRefundNo }, 'WeChat Pay names an unknown refund');
    return { changed: false };
  }
  if (refund.amount.refund !== known.amountFen) {
    throw new PaymentMismatchError(`refund ${known.outRefundNo} amount does not match`);
  }
  const changed = await deps.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(paymentOrders)
      .where(eq(paymentOrders.id, known.orderId))
      .for('update');
    if (notificationId) {
      const fresh = await recordEvent(
        tx,
        deps.clock,
        order!.id,
        'refund_notification',
        `${known.outRefundNo} ${refund.status}`,
        notificationId,
      );
      if (!fresh) return false;
    }
    const [current] = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, known.id));
    const final = ['succeeded', 'abnormal', 'closed'];
    if (final.includes(current!.status) || current!.status === status) return false;
    const now = deps.clock.now();
    const [updated] = await tx
      .update(paymentRefunds)
      .set({
        status,
        wechatRefundId: refund.refundId,
        completedAt: final.includes(status)
          ? refund.successTime
            ? new Date(refund.successTime)
            : now
          : null,
        // A processing refund is asked about again later, in case its notification is lost.
        nextAttemptAt: status === 'processing' ? new Date(now.getTime() + 2 * 60_000) : null,
      })
      .where(eq(paymentRefunds.id, known.id))
      .returning();
    await recordEvent(tx, deps.clock, order!.id, `refund_${status}`, known.outRefundNo);
    if (status === 'succeeded') {
      const refundedFen = order!.refundedFen + updated!.amountFen;
      const [after] = await tx
        .update(paymentOrders)
        .set({
          refundedFen,
          status: refundedFen >= order!.amountFen ? 'refunded' : 'partially_refunded',
          updatedAt: now,
        })
        .where(eq(paymentOrders.id, order!.id))
        .returning();
      await handlerFor(after!.purpose).onRefunded?.(tx, after!, updated!, deps);
    }
    return true;
  });
  return { changed };
}

/** Asks WeChat Pay about refunds still processing past their next check. */
export async function syncProcessingRefunds(deps: Deps, limit = 20): Promise<number> {
  const pay = deps.wechat?.pay;
  if (!pay) return 0;
  const due = await deps.db
    .select()
    .from(paymentRefunds)
    .where(
      and(
        eq(paymentRefunds.status, 'processing'),
        lte(paymentRefunds.nextAttemptAt, deps.clock.now()),
      ),
    )
    .limit(limit);
  let changed = 0;
  for (const refund of due) {
    try {
      const answer = await pay.refunds.query(refund.outRefundNo);
      if ((await applyRefund(deps, answer)).changed) changed++;
      else
        await deps.db
          .update(paymentRefunds)
          .set({ nextAttemptAt: new Date(deps.clock.now().getTime() + 5 * 60_000) })
          .where(eq(paymentRefunds.id, refund.id));
    } catch (error) {
      deps.log.warn({ err: error, outRefundNo: refund.outRefundNo }, 'refund query failed');
    }
  }
  return changed;
}

/** Orders whose outcome is unknown for a minute, or unpaid past expiry: asked about and settled. */
export async function syncStalePaymentOrders(deps: Deps, limit = 50): Promise<number> {
  const now = deps.clock.now();
  const stale = await deps.db
    .select({ id: paymentOrders.id })
    .from(paymentOrders)
    .where(
      and(
        inArray(paymentOrders.status, ['created', 'paying']),
        sql`(${paymentOrders.updatedAt} <= ${new Date(now.getTime() - 60_000)} or ${paymentOrders.expiresAt} <= ${now})`,
      ),
    )
    .limit(limit);
  for (const { id } of stale) await syncPaymentOrder(deps, id);
  return stale.length;
}

/** The refunds of an order, oldest first. */
export async function refundsOf(db: Executor, orderIds: string[]): Promise<PaymentRefund[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(paymentRefunds)
    .where(inArray(paymentRefunds.orderId, orderIds))
    .orderBy(paymentRefunds.createdAt);
}
