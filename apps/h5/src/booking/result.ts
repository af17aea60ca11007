import type { AppointmentStatus } from '@zhangyi/contracts';
import type { PayOutcome } from '../wechat/sdk';

/**
 * What the result page says: booked; payment not confirmed yet (refresh); waiting for payment,
 * after the sheet was closed or failed, or before it was opened; expired; cancelled; or, for
 * states a fresh booking does not reach, just the status.
 */
export type ResultView =
  | 'success'
  | 'processing'
  | 'unpaid'
  | 'payCancelled'
  | 'payFailed'
  | 'expired'
  | 'cancelled'
  | 'other';

/** The last trip to the pay sheet on this page, if any. */
export interface PayAttempt {
  outcome: PayOutcome | null;
  /** The sheet said paid but the server still holds the appointment after polling. */
  unsettled: boolean;
}

/** The result page's view of an appointment after (or without) a trip to the pay sheet. */
export function resultView(
  status: AppointmentStatus,
  attempt: PayAttempt,
  holdOpen: boolean,
): ResultView {
  switch (status) {
    case 'confirmed':
    case 'checked_in':
      return 'success';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancelled';
    case 'held':
      // Paid at the last second: the server may still confirm it (or refund it), so no "expired".
      if (attempt.unsettled) return 'processing';
      if (!holdOpen) return 'expired';
      if (attempt.outcome === 'cancel') return 'payCancelled';
      if (attempt.outcome === 'fail') return 'payFailed';
      return 'unpaid';
    default:
      return 'other';
  }
}
