import { PayFormatError, WechatArgumentError } from '../errors';

// Typed views of WeChat Pay's JSON. Amounts are integer fen everywhere; a non-integer amount in
// an answer is refused rather than rounded, because money must never be guessed.

/** Trade states of a payment. */
export type TradeState =
  'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/** A payment as queried or notified. */
export interface Transaction {
  appid: string;
  mchid: string;
  outTradeNo: string;
  /** WeChat Pay's order number; absent before payment. */
  transactionId?: string;
  tradeType?: string;
  tradeState: TradeState | (string & {});
  tradeStateDesc: string;
  bankType?: string;
  attach?: string;
  /** RFC 3339 time of payment. */
  successTime?: string;
  payerOpenid?: string;
  amount: {
    /** Order total, fen. */
    total?: number;
    /** What the user paid, fen (total minus coupons). */
    payerTotal?: number;
    currency?: string;
    payerCurrency?: string;
  };
  /** The JSON as received. */
  raw: Record<string, unknown>;
}

/** Refund states. */
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

/** A refund as created, queried or notified. */
export interface Refund {
  refundId: string;
  outRefundNo: string;
  transactionId: string;
  outTradeNo: string;
  status: RefundStatus | (string & {});
  channel?: string;
  userReceivedAccount?: string;
  successTime?: string;
  createTime?: string;
  amount: {
    /** Amount refunded, fen. */
    refund: number;
    /** Original order total, fen. */
    total: number;
    payerTotal?: number;
    payerRefund?: number;
    currency?: string;
  };
  raw: Record<string, unknown>;
}

/** Throws unless `value` is a positive integer number of fen. */
export function assertFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new WechatArgumentError(`${name} must be a positive integer number of fen, not ${value}`);
  }
}

function obj(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PayFormatError(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function str(o: Record<string, unknown>, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new PayFormatError(`${what}.${key} is missing`);
  return v;
}

function optStr(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

function fen(o: Record<string, unknown>, key: string, what: string): number | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new PayFormatError(`${what}.${key} is not an integer amount of fen`);
  }
  return v;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

/** Reads a transaction from WeChat Pay's JSON. */
export function toTransaction(value: unknown): Transaction {
  const o = obj(value, 'transaction');
  const amount = o['amount'] === undefined ? {} : obj(o['amount'], 'transaction.amount');
  const payer = o['payer'] === undefined ? {} : obj(o['payer'], 'transaction.payer');
  return defined({
    appid: str(o, 'appid', 'transaction'),
    mchid: str(o, 'mchid', 'transaction'),
    outTradeNo: str(o, 'out_trade_no', 'transaction'),
    transactionId: optStr(o, 'transaction_id'),
    tradeType: optStr(o, 'trade_type'),
    tradeState: str(o, 'trade_state', 'transaction'),
    tradeStateDesc: optStr(o, 'trade_state_desc') ?? '',
    bankType: optStr(o, 'bank_type'),
    attach: optStr(o, 'attach'),
    successTime: optStr(o, 'success_time'),
    payerOpenid: optStr(payer, 'openid'),
    amount: defined({
      total: fen(amount, 'total', 'amount'),
      payerTotal: fen(amount, 'payer_total', 'amount'),
      currency: optStr(amount, 'currency'),
      payerCurrency: optStr(amount, 'payer_currency'),
    }),
    raw: o,
  });
}

/** Reads a refund (API answer or notification resource) from WeChat Pay's JSON. */
export function toRefund(value: unknown): Refund {
  const o = obj(value, 'refund');
  const amount = obj(o['amount'], 'refund.amount');
  const refund = fen(amount, 'refund', 'amount');
  const total = fen(amount, 'total', 'amount');
  if (refund === undefined || total === undefined) {
    throw new PayFormatError('refund.amount needs refund and total');
  }
  return defined({
    refundId: str(o, 'refund_id', 'refund'),
    outRefundNo: str(o, 'out_refund_no', 'refund'),
    transactionId: str(o, 'transaction_id', 'refund'),
    outTradeNo: str(o, 'out_trade_no', 'refund'),
    // The API says `status`, the notification `refund_status`.
    status: optStr(o, 'status') ?? str(o, 'refund_status', 'refund'),
    channel: optStr(o, 'channel'),
    userReceivedAccount: optStr(o, 'user_received_account'),
    successTime: optStr(o, 'success_time'),
    createTime: optStr(o, 'create_time'),
    amount: defined({
      refund,
      total,
      payerTotal: fen(amount, 'payer_total', 'amount'),
      payerRefund: fen(amount, 'payer_refund', 'amount'),
      currency: optStr(amount, 'currency'),
    }),
    raw: o,
  });
}
