import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AdminPayment, AdminRefund, PaymentStatus, RefundStatus } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { addDays, zonedInstant } from '../../lib/time';
import { staffAccounts as accounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { paymentEvents, paymentOrders, paymentRefunds } from './schema';
import {
  requestRefundInTx,
  submitDueRefunds,
  type PaymentOrder,
  type PaymentRefund,
} from './service';

interface Range {
  from?: string | undefined;
  to?: string | undefined;
}

/** Conditions for a column falling on the local dates `from`…`to` (inclusive). */
export function dateRange(
  column: Parameters<typeof gte>[0],
  range: Range,
  timeZone: string,
): SQL[] {
  const where: SQL[] = [];
  if (range.from) where.push(gte(column, zonedInstant(range.from, '00:00', timeZone)));
  if (range.to) where.push(lt(column, zonedInstant(addDays(range.to, 1), '00:00', timeZone)));
  return where;
}

/**
 * Refunds succeeded or under way, per order: what a new refund cannot take again. The outer table
 * is named in full: a bare column here would resolve to the refund's own `id`.
 */
const committedFen = sql<number>`coalesce((select sum(r.amount_fen) from payment_refunds r
  where r.order_id = payment_orders.id and r.status in ('pending','processing','succeeded')), 0)::int`;

const withCommitted = { order: paymentOrders, committedFen };

function toAdminPayment({
  order: o,
  committedFen: committed,
}: {
  order: PaymentOrder;
  committedFen: number;
}): AdminPayment {
  const refundable = o.status === 'paid' || o.status === 'partially_refunded';
  return {
    id: o.id,
    outTradeNo: o.outTradeNo,
    transactionId: o.transactionId,
    purpose: o.purpose,
    description: o.description,
    amountFen: o.amountFen,
    refundedFen: o.refundedFen,
    refundableFen: refundable ? o.amountFen - committed : 0,
    status: o.status as PaymentStatus,
    payerName: o.payerName,
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
  };
}

export interface PaymentQuery extends Range {
  page?: number | undefined;
  pageSize?: number | undefined;
  status?: PaymentStatus | undefined;
  q?: string | undefined;
}

function paymentWhere(deps: Deps, query: PaymentQuery): SQL | undefined {
  const where = dateRange(paymentOrders.createdAt, query, deps.config.timeZone);
  if (query.status) where.push(eq(paymentOrders.status, query.status));
  if (query.q) {
    where.push(
      or(eq(paymentOrders.outTradeNo, query.q), eq(paymentOrders.transactionId, query.q))!,
    );
  }
  return and(...where);
}

export async function adminPayments(
  deps: Deps,
  query: PaymentQuery,
): Promise<{ items: AdminPayment[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = paymentWhere(deps, query);
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(paymentOrders)
    .where(where);
  const rows = await deps.db
    .select(withCommitted)
    .from(paymentOrders)
    .where(where)
    .orderBy(desc(paymentOrders.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows.map(toAdminPayment), total };
}

/** Every matching order, for the export (capped: an export is for reading, not for backups). */
export async function paymentsForExport(deps: Deps, query: PaymentQuery): Promise<AdminPayment[]> {
  const rows = await deps.db
    .select(withCommitted)
    .from(paymentOrders)
    .where(paymentWhere(deps, query))
    .orderBy(desc(paymentOrders.createdAt))
    .limit(50_000);
  return rows.map(toAdminPayment);
}

async function requesterNames(
  db: Executor,
  refunds: PaymentRefund[],
): Promise<Map<string, string>> {
  const ids = refunds.flatMap((r) =>
    r.requestedBy.startsWith('staff:') ? [r.requestedBy.slice(6)] : [],
  );
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .where(inArray(accounts.id, ids));
  return new Map(rows.map((r) => [`staff:${r.id}`, r.name]));
}

function toAdminRefund(
  r: PaymentRefund,
  order: { outTradeNo: string },
  names: Map<string, string>,
): AdminRefund {
  return {
    id: r.id,
    orderId: r.orderId,
    outTradeNo: order.outTradeNo,
    outRefundNo: r.outRefundNo,
    amountFen: r.amountFen,
    status: r.status as RefundStatus,
    reason: r.reason,
    requestedBy: names.get(r.requestedBy) ?? r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

export async function adminPayment(deps: Deps, id: string) {
  const [row] = await deps.db
    .select(withCommitted)
    .from(paymentOrders)
    .where(eq(paymentOrders.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const order = row.order;
  const refunds = await deps.db
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.orderId, id))
    .orderBy(asc(paymentRefunds.createdAt));
  const events = await deps.db
    .select()
    .from(paymentEvents)
    .where(eq(paymentEvents.orderId, id))
    .orderBy(asc(paymentEvents.id));
  const names = await requesterNames(deps.db, refunds);
  return {
    ...toAdminPayment(row),
    refunds: refunds.map((r) => toAdminRefund(r, order, names)),
    events: events.map((e) => ({ kind: e.kind, detail: e.detail, at: e.at.toISOString() })),
  };
}

/** A refund an administrator asks for, with a reason; audited. */
export async function manualRefund(
  deps: Deps,
  meta: RequestMeta,
  orderId: string,
  body: { amountFen: number; reason: string },
) {
  if (meta.actor.type !== 'staff') throw new DomainError('FORBIDDEN');
  const staffId = meta.actor.accountId;
  const refund = await deps.db.transaction(async (tx) => {
    const created = await requestRefundInTx(tx, deps.clock, {
      orderId,
      amountFen: body.amountFen,
      reason: body.reason,
      requestedBy: `staff:${staffId}`,
    });
    await recordAudit(tx, meta, {
      action: 'payment.refund',
      result: 'success',
      objectType: 'payment_order',
      objectId: orderId,
      details: { amountFen: body.amountFen, reason: body.reason, outRefundNo: created.outRefundNo },
    });
    return created;
  });
  await submitDueRefunds(deps).catch((error: unknown) =>
    deps.log.warn({ err: error, outRefundNo: refund.outRefundNo }, 'refund not sent yet'),
  );
  return adminPayment(deps, orderId);
}

export interface RefundQuery extends Range {
  page?: number | undefined;
  pageSize?: number | undefined;
  status?: RefundStatus | undefined;
}

async function refundRows(deps: Deps, query: RefundQuery, limit: number, offset: number) {
  const where = and(
    ...dateRange(paymentRefunds.createdAt, query, deps.config.timeZone),
    ...(query.status ? [eq(paymentRefunds.status, query.status)] : []),
  );
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(paymentRefunds)
    .where(where);
  const rows = await deps.db
    .select({ refund: paymentRefunds, outTradeNo: paymentOrders.outTradeNo })
    .from(paymentRefunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
    .where(where)
    .orderBy(desc(paymentRefunds.createdAt))
    .limit(limit)
    .offset(offset);
  const names = await requesterNames(
    deps.db,
    rows.map((r) => r.refund),
  );
  return { items: rows.map((r) => toAdminRefund(r.refund, r, names)), total };
}

export function adminRefunds(deps: Deps, query: RefundQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  return refundRows(deps, query, pageSize, (page - 1) * pageSize);
}

export async function refundsForExport(deps: Deps, query: RefundQuery): Promise<AdminRefund[]> {
  return (await refundRows(deps, query, 50_000, 0)).items;
}
