import type { AdminPayment } from '@zhangyi/contracts';
import { parseYuan } from './money';

/** The refund reason's length, as ManualRefundBody bounds it. */
export const REFUND_REASON = { min: 2, max: 80 } as const;

/**
 * Fen that may still be refunded: what was paid less what was refunded, for an order that is paid
 * or partly refunded. Anything else (unpaid, closed, wholly refunded) has nothing to give back.
 */
export function refundableFen(payment: Pick<AdminPayment, 'status' | 'amountFen' | 'refundedFen'>) {
  if (payment.status !== 'paid' && payment.status !== 'partially_refunded') return 0;
  return Math.max(0, payment.amountFen - payment.refundedFen);
}

/** Why a typed refund amount cannot be sent, or null when it can. */
export type RefundAmountProblem = 'invalid' | 'zero' | 'tooMuch';

/** Checks an amount typed in yuan against what is refundable (both sides in whole fen). */
export function refundAmountProblem(text: string, refundable: number): RefundAmountProblem | null {
  const fen = parseYuan(text);
  if (fen === null) return 'invalid';
  if (fen === 0) return 'zero';
  if (fen > refundable) return 'tooMuch';
  return null;
}
