import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Reconciliation } from '@zhangyi/contracts';
import type { TradeBill } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { formatYuan as yuan } from '../../lib/money';
import { addDays, localDate, zonedInstant } from '../../lib/time';
import { paymentOrders, paymentReconciliations, paymentRefunds } from './schema';
import { requirePay } from './service';

/** WeChat Pay's bills cut days in China Standard Time, whatever the hospital's zone. */
const BILL_ZONE = 'Asia/Shanghai';

type Mismatch = Reconciliation['mismatches'][number];

interface OurDay {
  payments: { outTradeNo: string; amountFen: number }[];
  refunds: { outRefundNo: string; outTradeNo: string; amountFen: number }[];
}

async function ourDay(deps: Deps, date: string): Promise<OurDay> {
  const start = zonedInstant(date, '00:00', BILL_ZONE);
  const end = zonedInstant(addDays(date, 1), '00:00', BILL_ZONE);
  const payments = await deps.db
    .select({ outTradeNo: paymentOrders.outTradeNo, amountFen: paymentOrders.amountFen })
    .from(paymentOrders)
    .where(and(gte(paymentOrders.paidAt, start), lt(paymentOrders.paidAt, end)));
  const refunds = await deps.db
    .select({
      outRefundNo: paymentRefunds.outRefundNo,
      outTradeNo: paymentOrders.outTradeNo,
      amountFen: paymentRefunds.amountFen,
    })
    .from(paymentRefunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, paymentRefunds.orderId))
    .where(
      and(
        eq(paymentRefunds.status, 'succeeded'),
        gte(paymentRefunds.completedAt, start),
        lt(paymentRefunds.completedAt, end),
      ),
    );
  return { payments, refunds };
}

/** Compares our paid orders and succeeded refunds of a day with WeChat Pay's bill rows. */
export function compareDay(
  ours: OurDay,
  bill: Pick<TradeBill, 'rows'> | null,
  ourStatusOf: Map<string, string>,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const rows = bill?.rows ?? [];
  const theirPayments = new Map(
    rows.filter((r) => r.tradeState === 'SUCCESS').map((r) => [r.outTradeNo, r]),
  );
  const theirRefunds = new Map(
    rows.filter((r) => r.tradeState === 'REFUND' && r.outRefundNo).map((r) => [r.outRefundNo!, r]),
  );
  const ourPayments = new Map(ours.payments.map((p) => [p.outTradeNo, p]));
  for (const [no, theirs] of theirPayments) {
    const mine = ourPayments.get(no);
    if (!mine) {
      const status = ourStatusOf.get(no);
      mismatches.push(
        status
          ? { outTradeNo: no, kind: 'status', ours: status, theirs: 'SUCCESS' }
          : { outTradeNo: no, kind: 'missing_here', ours: '', theirs: yuan(theirs.totalFen) },
      );
    } else if (mine.amountFen !== theirs.totalFen) {
      mismatches.push({
        outTradeNo: no,
        kind: 'amount',
        ours: yuan(mine.amountFen),
        theirs: yuan(theirs.totalFen),
      });
    }
  }
  for (const mine of ours.payments) {
    if (!theirPayments.has(mine.outTradeNo)) {
      mismatches.push({
        outTradeNo: mine.outTradeNo,
        kind: 'missing_there',
        ours: yuan(mine.amountFen),
        theirs: '',
      });
    }
  }
  const ourRefunds = new Map(ours.refunds.map((r) => [r.outRefundNo, r]));
  for (const [no, theirs] of theirRefunds) {
    const mine = ourRefunds.get(no);
    if (!mine) {
      mismatches.push({
        outTradeNo: theirs.outTradeNo,
        kind: 'missing_here',
        ours: '',
        theirs: `退款 ${no} ${yuan(theirs.refundFen ?? 0)}`,
      });
    } else if (mine.amountFen !== theirs.refundFen) {
      mismatches.push({
        outTradeNo: theirs.outTradeNo,
        kind: 'amount',
        ours: `退款 ${no} ${yuan(mine.amountFen)}`,
        theirs: `退款 ${no} ${yuan(theirs.refundFen ?? 0)}`,
      });
    }
  }
  for (const mine of ours.refunds) {
    if (!theirRefunds.has(mine.outRefundNo)) {
      mismatches.push({
        outTradeNo: mine.outTradeNo,
        kind: 'missing_there',
        ours: `退款 ${mine.outRefundNo} ${yuan(mine.amountFen)}`,
        theirs: '',
      });
    }
  }
  return mismatches;
}

/**
 * Reconciles one China Standard Time day: downloads WeChat Pay's trade bill (hash-checked), compares
 * it with our records and stores the report (a re-run replaces it). A bill that cannot be fetched
 * gives a `failed` report naming why, so the admin sees it rather than a silent gap.
 */
export async function reconcileDay(deps: Deps, date: string): Promise<Reconciliation> {
  const { pay } = requirePay(deps);
  const ours = await ourDay(deps, date);
  let report: Omit<Reconciliation, 'date' | 'createdAt'>;
  try {
    const bill = await pay.bills.tradeBill(date, 'ALL');
    const theirNos = (bill?.rows ?? []).map((r) => r.outTradeNo);
    const known = theirNos.length
      ? await deps.db
          .select({ outTradeNo: paymentOrders.outTradeNo, status: paymentOrders.status })
          .from(paymentOrders)
          .where(inArray(paymentOrders.outTradeNo, theirNos))
      : [];
    const mismatches = compareDay(ours, bill, new Map(known.map((k) => [k.outTradeNo, k.status])));
    const paidRows = (bill?.rows ?? []).filter((r) => r.tradeState === 'SUCCESS');
    const refundRows = (bill?.rows ?? []).filter((r) => r.tradeState === 'REFUND');
    report = {
      status: mismatches.length === 0 ? 'balanced' : 'mismatched',
      ourPaidCount: ours.payments.length,
      ourPaidFen: ours.payments.reduce((sum, p) => sum + p.amountFen, 0),
      ourRefundedFen: ours.refunds.reduce((sum, r) => sum + r.amountFen, 0),
      theirPaidCount: paidRows.length,
      theirPaidFen: paidRows.reduce((sum, r) => sum + r.totalFen, 0),
      theirRefundedFen: refundRows.reduce((sum, r) => sum + (r.refundFen ?? 0), 0),
      mismatches,
      error: null,
    };
  } catch (error) {
    deps.log.error({ err: error, date }, 'reconciliation failed');
    report = {
      status: 'failed',
      ourPaidCount: ours.payments.length,
      ourPaidFen: ours.payments.reduce((sum, p) => sum + p.amountFen, 0),
      ourRefundedFen: ours.refunds.reduce((sum, r) => sum + r.amountFen, 0),
      theirPaidCount: 0,
      theirPaidFen: 0,
      theirRefundedFen: 0,
      mismatches: [],
      error: error instanceof Error ? error.message.slice(0, 300) : String(error),
    };
  }
  const now = deps.clock.now();
  await deps.db
    .insert(paymentReconciliations)
    .values({ date, status: report.status, report, createdAt: now })
    .onConflictDoUpdate({
      target: paymentReconciliations.date,
      set: { status: report.status, report, createdAt: now },
    });
  return { date, ...report, createdAt: now.toISOString() };
}

/** Yesterday's reconciliation, for the daily job. */
export function reconcileYesterday(deps: Deps): Promise<Reconciliation> {
  return reconcileDay(deps, addDays(localDate(deps.clock.now(), BILL_ZONE), -1));
}

export async function listReconciliations(
  deps: Deps,
  query: { page?: number | undefined; pageSize?: number | undefined },
): Promise<{ items: Reconciliation[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(paymentReconciliations);
  const rows = await deps.db
    .select()
    .from(paymentReconciliations)
    .orderBy(desc(paymentReconciliations.date))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      date: r.date,
      ...(r.report as Omit<Reconciliation, 'date' | 'createdAt'>),
      createdAt: r.createdAt.toISOString(),
    })),
    total,
  };
}
