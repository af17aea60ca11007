import { PayFormatError, WechatArgumentError } from '../errors';
import type { PayHttp } from './http';
import { assertFen, toRefund, type Refund } from './types';

/** A refund request; name the payment by one of `outTradeNo` or `transactionId`. */
export interface RefundRequest {
  outTradeNo?: string;
  transactionId?: string;
  /** Your refund number, unique per merchant; retrying with the same one is idempotent. */
  outRefundNo: string;
  /** Amount to refund, fen. */
  refundFen: number;
  /** The original order total, fen. */
  totalFen: number;
  /** Shown to the payer. */
  reason?: string;
  /** HTTPS URL receiving the refund notification. */
  notifyUrl?: string;
}

/** Refunds (`/v3/refund/domestic/refunds`). */
export class RefundsApi {
  constructor(private readonly http: PayHttp) {}

  /** Requests a refund; the answer is usually PROCESSING, the outcome comes by notification. */
  async create(request: RefundRequest): Promise<Refund> {
    if ((request.outTradeNo === undefined) === (request.transactionId === undefined)) {
      throw new WechatArgumentError('give exactly one of outTradeNo and transactionId');
    }
    assertFen(request.refundFen, 'refundFen');
    assertFen(request.totalFen, 'totalFen');
    if (request.refundFen > request.totalFen) {
      throw new WechatArgumentError('refundFen cannot exceed totalFen');
    }
    const r = await this.http.json('POST', '/v3/refund/domestic/refunds', {
      transaction_id: request.transactionId,
      out_trade_no: request.outTradeNo,
      out_refund_no: request.outRefundNo,
      reason: request.reason,
      notify_url: request.notifyUrl,
      amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
    });
    if (r === undefined) throw new PayFormatError('refund answer is empty');
    return toRefund(r);
  }

  /** Queries a refund by your refund number. */
  async query(outRefundNo: string): Promise<Refund> {
    const r = await this.http.json(
      'GET',
      `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`,
    );
    if (r === undefined) throw new PayFormatError('refund answer is empty');
    return toRefund(r);
  }
}
