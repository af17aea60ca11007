import { describe, expect, it } from 'vitest';
import { ManualRefundBody } from '@zhangyi/contracts';
import { REFUND_REASON, refundableFen, refundAmountProblem } from './payments';

describe('refundableFen', () => {
  it('is what was paid less what was refunded for paid and partly refunded orders', () => {
    expect(refundableFen({ status: 'paid', amountFen: 5050, refundedFen: 0 })).toBe(5050);
    expect(
      refundableFen({ status: 'partially_refunded', amountFen: 5050, refundedFen: 2000 }),
    ).toBe(3050);
  });

  it('is nothing for orders that were never paid, are closed or wholly refunded', () => {
    for (const status of ['created', 'paying', 'closed', 'refunded'] as const) {
      expect(refundableFen({ status, amountFen: 5050, refundedFen: 0 }), status).toBe(0);
    }
  });

  it('never goes below nothing when the refunds add up to more than the order', () => {
    expect(refundableFen({ status: 'partially_refunded', amountFen: 100, refundedFen: 150 })).toBe(
      0,
    );
  });
});

describe("refundableFen once the order's refunds are known", () => {
  const order = { status: 'partially_refunded' as const, amountFen: 5050, refundedFen: 1000 };

  it('holds back refunds still pending or processing, as the server does', () => {
    const refunds = [
      { status: 'succeeded' as const, amountFen: 1000 },
      { status: 'processing' as const, amountFen: 2000 },
      { status: 'pending' as const, amountFen: 50 },
    ];
    expect(refundableFen(order, refunds)).toBe(2000);
  });

  it('gives back what closed or abnormal refunds did not pay out', () => {
    const refunds = [
      { status: 'succeeded' as const, amountFen: 1000 },
      { status: 'closed' as const, amountFen: 3000 },
      { status: 'abnormal' as const, amountFen: 500 },
    ];
    expect(refundableFen(order, refunds)).toBe(4050);
  });
});

describe('refundAmountProblem', () => {
  it('accepts any amount from one fen to the refundable amount', () => {
    expect(refundAmountProblem('0.01', 3050)).toBeNull();
    expect(refundAmountProblem('30.5', 3050)).toBeNull();
  });

  it('refuses one fen more than is refundable', () => {
    expect(refundAmountProblem('30.51', 3050)).toBe('tooMuch');
  });

  it('refuses zero and what is not an amount', () => {
    expect(refundAmountProblem('0.00', 3050)).toBe('zero');
    expect(refundAmountProblem('3.005', 3050)).toBe('invalid');
    expect(refundAmountProblem('', 3050)).toBe('invalid');
  });
});

describe('REFUND_REASON', () => {
  it('bounds the reason as ManualRefundBody does', () => {
    // The schema object carries the JSON Schema keywords; its TypeScript type does not name them.
    const { minLength, maxLength } = ManualRefundBody.properties.reason as unknown as {
      minLength: number;
      maxLength: number;
    };
    expect(REFUND_REASON).toEqual({ min: minLength, max: maxLength });
  });
});
