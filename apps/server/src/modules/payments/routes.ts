import type { FastifyInstance } from 'fastify';
import { bookingAdminRoutes as admin } from '@zhangyi/contracts';
import { PAY_NOTIFICATION_ACK, payNotificationFailure, WechatError } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import { yuanNumber as yuan } from '../../lib/money';
import { sheetWorkbook, sendXlsx } from '../../lib/xlsx';
import {
  adminPayment,
  adminPayments,
  adminRefunds,
  manualRefund,
  paymentsForExport,
  refundsForExport,
} from './admin';
import { listReconciliations, reconcileDay } from './reconcile';
import { applyRefund, applyTransaction, PaymentMismatchError } from './service';

/** WeChat Pay's notifications, and the administration's payment, refund and reconciliation pages. */
export function paymentsRoutes(app: FastifyInstance, deps: Deps): void {
  // The notification's signature covers the body exactly as sent: keep it as text.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/payments/wechat/notify',
      { schema: { hide: true } },
      async (request, reply) => {
        const pay = deps.wechat?.pay;
        const answer = (r: { status: number; body: string }) =>
          reply
            .status(r.status)
            .type('application/json')
            .send(r.body || undefined);
        if (!pay) return answer(payNotificationFailure('payment is not configured'));
        const body = typeof request.body === 'string' ? request.body : '';
        try {
          const notification = await pay.notifications.parse(request.headers, body);
          if (notification.kind === 'transaction') {
            await applyTransaction(deps, notification.transaction, {
              kind: 'notification',
              id: notification.id,
            });
          } else if (notification.kind === 'refund') {
            await applyRefund(deps, notification.refund, notification.id);
          } else {
            request.log.warn({ eventType: notification.eventType }, 'unknown pay notification');
          }
          return answer(PAY_NOTIFICATION_ACK);
        } catch (error) {
          if (error instanceof WechatError) {
            // Forged, stale or garbled: refused, nothing applied.
            request.log.warn({ reason: error.code }, 'refused a WeChat Pay notification');
            return reply
              .status(401)
              .type('application/json')
              .send(JSON.stringify({ code: 'FAIL', message: error.code }));
          }
          if (error instanceof PaymentMismatchError) {
            request.log.error({ err: error }, 'WeChat Pay notification does not match the order');
            return answer(payNotificationFailure('order mismatch'));
          }
          throw error;
        }
      },
    );
  });

  registerRoute(app, deps, admin.payments, {
    access: 'payments.read',
    handler: ({ query }) => adminPayments(deps, query),
  });
  registerRoute(app, deps, admin.exportPayments, {
    access: 'payments.read',
    rawReply: true,
    handler: async ({ query, reply }) => {
      const items = await paymentsForExport(deps, query);
      const book = await sheetWorkbook(
        '支付订单',
        [
          { header: '商户订单号', width: 30 },
          { header: '微信支付单号', width: 32 },
          { header: '用途' },
          { header: '说明' },
          { header: '金额（元）' },
          { header: '已退（元）' },
          { header: '状态' },
          { header: '付款人' },
          { header: '创建时间', width: 22 },
          { header: '支付时间', width: 22 },
        ],
        items.map((p) => [
          p.outTradeNo,
          p.transactionId,
          p.purpose,
          p.description,
          yuan(p.amountFen),
          yuan(p.refundedFen),
          p.status,
          p.payerName,
          p.createdAt,
          p.paidAt,
        ]),
      );
      sendXlsx(reply, '支付订单.xlsx', book);
    },
  });
  registerRoute(app, deps, admin.payment, {
    access: 'payments.read',
    handler: ({ params }) => adminPayment(deps, params.id),
  });
  registerRoute(app, deps, admin.refund, {
    access: 'payments.refund',
    handler: ({ meta, params, body }) => manualRefund(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.refunds, {
    access: 'payments.read',
    handler: ({ query }) => adminRefunds(deps, query),
  });
  registerRoute(app, deps, admin.exportRefunds, {
    access: 'payments.read',
    rawReply: true,
    handler: async ({ query, reply }) => {
      const items = await refundsForExport(deps, query);
      const book = await sheetWorkbook(
        '退款记录',
        [
          { header: '商户退款单号', width: 30 },
          { header: '商户订单号', width: 30 },
          { header: '金额（元）' },
          { header: '状态' },
          { header: '原因', width: 24 },
          { header: '申请人' },
          { header: '申请时间', width: 22 },
          { header: '完成时间', width: 22 },
        ],
        items.map((r) => [
          r.outRefundNo,
          r.outTradeNo,
          yuan(r.amountFen),
          r.status,
          r.reason,
          r.requestedBy,
          r.createdAt,
          r.completedAt,
        ]),
      );
      sendXlsx(reply, '退款记录.xlsx', book);
    },
  });
  registerRoute(app, deps, admin.reconciliations, {
    access: 'payments.read',
    handler: ({ query }) => listReconciliations(deps, query),
  });
  registerRoute(app, deps, admin.reconcile, {
    access: 'payments.refund',
    handler: ({ params }) => reconcileDay(deps, params.date),
  });
}
