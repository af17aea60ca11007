// JSAPI orders and refunds as WeChat Pay keeps them, and the user's choices in the pay sheet.
import { payTime } from '../clock';
import type { Ctx } from '../context';
import { digits, randomString } from '../ids';
import type { PayOrder, PayRefund } from '../store';

/** A WeChat Pay v3 error: HTTP status plus `{code, message}`. */
export class PayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const PREPAY_LIFETIME_MS = 2 * 3600_000;
/** Seconds before a refund completes on its own, scaled by timeScale. */
export const REFUND_SECONDS = 3;

function bad(message: string): PayError {
  return new PayError(400, 'PARAM_ERROR', message);
}

type Json = Record<string, unknown>;

/** Creates (or returns the unpaid) JSAPI order for a /v3/pay/transactions/jsapi body. */
export function createJsapiOrder(ctx: Ctx, body: Json): { prepay_id: string } {
  const { config, store } = ctx;
  const amount = (body.amount ?? {}) as Json;
  const payer = (body.payer ?? {}) as Json;
  if (body.appid !== config.appId) {
    throw new PayError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  }
  if (body.mchid !== config.mchId) throw new PayError(400, 'MCH_NOT_EXISTS', '商户号不存在');
  const description = body.description;
  if (typeof description !== 'string' || !description || Buffer.byteLength(description) > 127) {
    throw bad('description 为必填项，且不超过 127 字节');
  }
  const outTradeNo = body.out_trade_no;
  if (typeof outTradeNo !== 'string' || !/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo)) {
    throw bad('out_trade_no 须为 6–32 位数字、字母或 _-|*');
  }
  if (typeof body.notify_url !== 'string' || !/^https?:\/\/[^\s?#]+$/.test(body.notify_url)) {
    throw bad('notify_url 须为不带参数的 http(s) 地址');
  }
  const total = amount.total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 1) {
    throw bad('amount.total 须为正整数（分）');
  }
  const currency = (amount.currency as string | undefined) ?? 'CNY';
  if (currency !== 'CNY') throw bad('currency 仅支持 CNY');
  const openid = payer.openid;
  if (typeof openid !== 'string' || !store.user(openid)) {
    throw bad('用户子标识 openid 与 appid 不匹配');
  }
  const attach = typeof body.attach === 'string' ? body.attach : undefined;
  const timeExpire = typeof body.time_expire === 'string' ? body.time_expire : undefined;

  const existing = store.data.orders.find((o) => o.outTradeNo === outTradeNo);
  if (existing) {
    if (existing.tradeState === 'CLOSED') throw new PayError(400, 'ORDER_CLOSED', '订单已关闭');
    if (existing.tradeState !== 'NOTPAY') throw new PayError(400, 'ORDERPAID', '该订单已支付');
    const same =
      existing.total === total &&
      existing.payerOpenid === openid &&
      existing.description === description;
    if (!same) throw new PayError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
    return { prepay_id: existing.prepayId };
  }
  const now = ctx.clock.now();
  const stamp = payTime(now).replace(/\D/g, '').slice(0, 14);
  const order: PayOrder = {
    prepayId: `wx${stamp}${randomString(18, '0123456789abcdef')}`,
    outTradeNo,
    appid: config.appId,
    mchid: config.mchId,
    description,
    notifyUrl: body.notify_url,
    attach,
    total,
    currency,
    payerOpenid: openid,
    tradeState: 'NOTPAY',
    timeExpire,
    createdAt: now,
    refunded: 0,
  };
  store.data.orders.push(order);
  store.changed();
  return { prepay_id: order.prepayId };
}

/** Finds an order by prepay_id, out_trade_no or transaction_id. */
export function findOrder(ctx: Ctx, id: string): PayOrder | undefined {
  return ctx.store.data.orders.find(
    (o) => o.prepayId === id || o.outTradeNo === id || o.transactionId === id,
  );
}

const STATE_DESC: Record<PayOrder['tradeState'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '转入退款',
  PAYERROR: '支付失败',
};

/** The transaction object of queries and notifications. */
export function transactionOf(order: PayOrder): Json {
  const paid = order.transactionId !== undefined;
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    ...(paid ? { transaction_id: order.transactionId } : {}),
    trade_type: 'JSAPI',
    trade_state: order.tradeState,
    trade_state_desc: STATE_DESC[order.tradeState],
    ...(paid ? { bank_type: 'OTHERS', success_time: order.successTime } : {}),
    attach: order.attach ?? '',
    payer: { openid: order.payerOpenid },
    amount: paid
      ? {
          total: order.total,
          payer_total: order.total,
          currency: order.currency,
          payer_currency: order.currency,
        }
      : { total: order.total, currency: order.currency, payer_currency: order.currency },
  };
}

/** Closes an unpaid order (POST …/close answers 204). */
export function closeOrder(ctx: Ctx, order: PayOrder): void {
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') {
    throw new PayError(400, 'ORDERPAID', '订单已支付，不能关闭');
  }
  order.tradeState = 'CLOSED';
  ctx.store.changed();
}

/** Whether the pay sheet may still charge this order, and why not. */
export function payable(ctx: Ctx, order: PayOrder): string | null {
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') return '该订单已支付';
  if (order.tradeState === 'CLOSED') return '订单已关闭';
  const now = ctx.clock.now();
  if (now - order.createdAt > PREPAY_LIFETIME_MS) return 'prepay_id 已失效';
  if (order.timeExpire && Date.parse(order.timeExpire) < now) return '订单已过支付期限';
  return null;
}

/**
 * The user confirms payment in the pay sheet: the order is paid and the merchant notified.
 * `at` (control API only) records the payment at an earlier time, for bills of past days.
 */
export function payOrder(ctx: Ctx, order: PayOrder, openid?: string, at?: number): PayOrder {
  const refused = payable(ctx, order);
  if (refused) throw new PayError(400, 'INVALID_REQUEST', refused);
  if (openid && openid !== order.payerOpenid) {
    throw new PayError(403, 'NO_AUTH', '当前微信用户与下单用户不一致');
  }
  if (at !== undefined && (!Number.isFinite(at) || at > ctx.clock.now())) {
    throw new PayError(400, 'PARAM_ERROR', 'at must be a time not in the future');
  }
  const now = at ?? ctx.clock.now();
  order.tradeState = 'SUCCESS';
  order.transactionId = `42000${digits(5)}${payTime(now).replace(/\D/g, '').slice(0, 8)}${digits(10)}`;
  order.successTime = payTime(now);
  const user = ctx.store.user(order.payerOpenid);
  // A payment opens the 48 h customer-service window, as in WeChat.
  if (user) user.lastInteractionAt = now;
  ctx.store.changed();
  ctx.payNotifier.notify({
    url: order.notifyUrl,
    eventType: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    resource: transactionOf(order),
    outTradeNo: order.outTradeNo,
  });
  return order;
}

/** Creates a refund for a /v3/refund/domestic/refunds body. */
export function createRefund(ctx: Ctx, body: Json): PayRefund {
  const { store } = ctx;
  const key = (body.transaction_id ?? body.out_trade_no) as string | undefined;
  const order = key ? findOrder(ctx, key) : undefined;
  if (!order) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  const outRefundNo = body.out_refund_no;
  if (typeof outRefundNo !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo)) {
    throw bad('out_refund_no 格式错误');
  }
  const amount = (body.amount ?? {}) as Json;
  const refund = amount.refund;
  if (typeof refund !== 'number' || !Number.isInteger(refund) || refund < 1) {
    throw bad('amount.refund 须为正整数（分）');
  }
  if (amount.total !== order.total) throw bad('amount.total 与原订单金额不一致');
  const existing = store.data.refunds.find((r) => r.outRefundNo === outRefundNo);
  if (existing) {
    if (existing.refund !== refund || existing.outTradeNo !== order.outTradeNo) {
      throw new PayError(400, 'INVALID_REQUEST', '退款单号重复，且退款金额或订单不一致');
    }
    return existing;
  }
  if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') {
    throw new PayError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
  }
  const reserved = store.data.refunds
    .filter(
      (r) => r.outTradeNo === order.outTradeNo && r.status !== 'CLOSED' && r.status !== 'ABNORMAL',
    )
    .reduce((sum, r) => sum + r.refund, 0);
  if (reserved + refund > order.total) {
    throw new PayError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
  }
  const now = ctx.clock.now();
  const created: PayRefund = {
    refundId: `50${digits(27)}`,
    outRefundNo,
    outTradeNo: order.outTradeNo,
    transactionId: order.transactionId ?? '',
    refund,
    total: order.total,
    currency: order.currency,
    reason: typeof body.reason === 'string' ? body.reason : undefined,
    // Without notify_url WeChat uses the URL set in the merchant platform; the order's stands in.
    notifyUrl: typeof body.notify_url === 'string' ? body.notify_url : order.notifyUrl,
    status: 'PROCESSING',
    createTime: payTime(now),
    createdAt: now,
  };
  store.data.refunds.push(created);
  store.changed();
  return created;
}

/** The refund object of refund answers and queries. */
export function refundOf(r: PayRefund): Json {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.successTime ? { success_time: r.successTime } : {}),
    create_time: r.createTime,
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      payer_total: r.total,
      payer_refund: r.refund,
      settlement_total: r.total,
      settlement_refund: r.refund,
      discount_refund: 0,
      currency: r.currency,
      from: [],
    },
    promotion_detail: [],
  };
}

const REFUND_EVENTS = {
  SUCCESS: ['REFUND.SUCCESS', '退款成功'],
  ABNORMAL: ['REFUND.ABNORMAL', '退款异常'],
  CLOSED: ['REFUND.CLOSED', '退款关闭'],
} as const;

/** Finishes a PROCESSING refund and notifies the merchant. */
export function completeRefund(
  ctx: Ctx,
  refund: PayRefund,
  status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED' = 'SUCCESS',
): PayRefund {
  if (refund.status !== 'PROCESSING') {
    throw new PayError(400, 'INVALID_REQUEST', `退款已是 ${refund.status} 状态`);
  }
  const now = ctx.clock.now();
  refund.status = status;
  if (status === 'SUCCESS') {
    refund.successTime = payTime(now);
    const order = findOrder(ctx, refund.outTradeNo);
    if (order) {
      order.refunded += refund.refund;
      order.tradeState = 'REFUND';
    }
  }
  ctx.store.changed();
  const [eventType, summary] = REFUND_EVENTS[status];
  if (refund.notifyUrl) {
    ctx.payNotifier.notify({
      url: refund.notifyUrl,
      eventType,
      summary,
      originalType: 'refund',
      resource: {
        mchid: ctx.config.mchId,
        out_trade_no: refund.outTradeNo,
        transaction_id: refund.transactionId,
        out_refund_no: refund.outRefundNo,
        refund_id: refund.refundId,
        refund_status: status,
        ...(refund.successTime ? { success_time: refund.successTime } : {}),
        user_received_account: '支付用户零钱',
        amount: {
          total: refund.total,
          refund: refund.refund,
          payer_total: refund.total,
          payer_refund: refund.refund,
        },
      },
      outTradeNo: refund.outTradeNo,
      outRefundNo: refund.outRefundNo,
    });
  }
  return refund;
}
