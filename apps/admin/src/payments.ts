import type { AdminPayment, AdminRefund } from '@zhangyi/contracts';
import { parseYuan } from './money';

/** The refund reason's length, as ManualRefundBody bounds it. */
export const REFUND_REASON = { min: 2, max: 80 } as const;

// Refunds that hold money back from the next one: asked for, under way, or done.
const committed = new Set<string>(['pending', 'processing', 'succeeded']);

/**
 * Fen that may still be refunded, for an order that is paid or partly refunded (anything else has
 * nothing to give back). From the list row that is what was paid less what was refunded; once the
 * order's refunds are known, those still under way count too, as the server counts them.
 */
export function refundableFen(
  payment: Pick<AdminPayment, 'status' | 'amountFen' | 'refundedFen'>,
  refunds?: readonly Pick<AdminRefund, 'status' | 'amountFen'>[],
): number {
  if (payment.status !== 'paid' && payment.status !== 'partially_refunded') return 0;
  const held = refunds
    ? refunds.filter((r) => committed.has(r.status)).reduce((sum, r) => sum + r.amountFen, 0)
    : 0;
  return Math.max(0, payment.amountFen - Math.max(payment.refundedFen, held));
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
