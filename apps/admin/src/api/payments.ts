import {
  bookingAdminRoutes as routes,
  type Reconciliation,
  type RouteQuery,
  type RouteResponse,
} from '@zhangyi/contracts';
import { call } from './client';
import { downloadExport } from './download';

export type PaymentQuery = RouteQuery<typeof routes.payments>;
export type PaymentPage = RouteResponse<typeof routes.payments>;
export type PaymentDetail = RouteResponse<typeof routes.payment>;
export type PaymentEvent = PaymentDetail['events'][number];
export type RefundQuery = RouteQuery<typeof routes.refunds>;
export type RefundPage = RouteResponse<typeof routes.refunds>;
export type ReconciliationPage = RouteResponse<typeof routes.reconciliations>;
export type Mismatch = Reconciliation['mismatches'][number];
export type ReconciliationStatus = Reconciliation['status'];
/** The filters of an export: the list's, without paging. */
export type PaymentFilters = Omit<PaymentQuery, 'page' | 'pageSize'>;
export type RefundFilters = Omit<RefundQuery, 'page' | 'pageSize'>;

/** One page of payment orders. */
export function listPayments(query: PaymentQuery): Promise<PaymentPage> {
  return call(routes.payments, { query });
}

/** A payment order with its refunds and every event of its history. */
export function fetchPayment(id: string): Promise<PaymentDetail> {
  return call(routes.payment, { params: { id } });
}

/**
 * Refunds part or all of a paid order (audited). Refused with REFUND_EXCEEDS_PAID beyond what is
 * left, PAYMENT_STATE when the order is not paid.
 */
export function refundPayment(
  id: string,
  amountFen: number,
  reason: string,
): Promise<PaymentDetail> {
  return call(routes.refund, { params: { id }, body: { amountFen, reason } });
}

export function exportPayments(filters: PaymentFilters): Promise<void> {
  return downloadExport(routes.exportPayments.path, filters, 'payments.xlsx');
}

/** One page of refunds. */
export function listRefunds(query: RefundQuery): Promise<RefundPage> {
  return call(routes.refunds, { query });
}

export function exportRefunds(filters: RefundFilters): Promise<void> {
  return downloadExport(routes.exportRefunds.path, filters, 'refunds.xlsx');
}

/** Daily reconciliation reports, newest first. */
export function listReconciliations(query: {
  page: number;
  pageSize: number;
}): Promise<ReconciliationPage> {
  return call(routes.reconciliations, { query });
}

/** Reconciles a day against WeChat Pay's bill now; RECONCILIATION_FAILED when the bill is missing. */
export function reconcile(date: string): Promise<Reconciliation> {
  return call(routes.reconcile, { params: { date } });
}
