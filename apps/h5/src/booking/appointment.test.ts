import { describe, expect, it } from 'vitest';
import type { Appointment } from '@zhangyi/contracts';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import {
  actorKey,
  canCancelOnline,
  canPay,
  cancelOnlyAtWindow,
  reasonKey,
  refundState,
  refundUnderway,
  refusalNextStep,
} from './appointment';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const LATER = '2026-03-02T03:00:00Z';
const EARLIER = '2026-03-02T01:00:00Z';

function lookup(catalogue: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, name) => (node as Record<string, unknown>)?.[name], catalogue);
}

type Timing = Pick<Appointment, 'status' | 'cancellableUntil' | 'feeFen' | 'holdExpiresAt'>;
function appointment(overrides: Partial<Timing> = {}): Timing {
  return {
    status: 'confirmed',
    cancellableUntil: LATER,
    feeFen: 5000,
    holdExpiresAt: null,
    ...overrides,
  };
}

describe('event reasons in words', () => {
  const codes = [
    'booked',
    'paid',
    'free',
    'hold_expired',
    'patient_cancelled',
    'clinic_stopped',
    'checked_in',
    'no_show',
    'staff_cancelled',
    'paid_after_expiry',
  ];

  it('has a Chinese and an English sentence for every reason code the server records', () => {
    for (const code of codes) {
      const key = reasonKey(code);
      expect(key, code).not.toBeNull();
      expect(lookup(zhCN, key!), code).toMatch(/\S/);
      expect(lookup(en, key!), code).toMatch(/\S/);
    }
    expect(lookup(zhCN, reasonKey('clinic_stopped')!)).toContain('停诊');
  });

  it('has no words for an unknown code, which the page then shows as it is', () => {
    expect(reasonKey('moved_by_his')).toBeNull();
    expect(reasonKey('toString')).toBeNull();
  });

  it('names the actors it knows', () => {
    expect(lookup(zhCN, actorKey('patient')!)).toBe('本人');
    expect(actorKey('robot')).toBeNull();
  });
});

describe('refunds as the patient sees them', () => {
  it('groups WeChat Pay’s refund states into 退款中, 已退款, 退款异常 and 已关闭', () => {
    expect(refundState('pending')).toBe('refunding');
    expect(refundState('processing')).toBe('refunding');
    expect(refundState('succeeded')).toBe('refunded');
    expect(refundState('abnormal')).toBe('abnormal');
    expect(refundState('closed')).toBe('closed');
  });

  it('is worth looking at again while some refund is on its way', () => {
    const paid = (
      statuses: Array<'pending' | 'processing' | 'succeeded' | 'abnormal' | 'closed'>,
    ) =>
      ({
        payment: {
          orderId: 'o',
          status: 'refunded',
          amountFen: 5000,
          refundedFen: 0,
          paidAt: null,
          refunds: statuses.map((status) => ({
            amountFen: 5000,
            status,
            reason: null,
            createdAt: LATER,
            completedAt: null,
          })),
        },
      }) as unknown as Pick<Appointment, 'payment'>;
    expect(refundUnderway({ payment: null })).toBe(false);
    expect(refundUnderway(paid([]))).toBe(false);
    expect(refundUnderway(paid(['succeeded', 'closed', 'abnormal']))).toBe(false);
    expect(refundUnderway(paid(['succeeded', 'processing']))).toBe(true);
    expect(refundUnderway(paid(['pending']))).toBe(true);
  });
});

describe('what the patient may still do', () => {
  it('may cancel online until the deadline the server set', () => {
    expect(canCancelOnline(appointment(), NOW)).toBe(true);
    expect(canCancelOnline(appointment({ status: 'held' }), NOW)).toBe(true);
    expect(canCancelOnline(appointment({ cancellableUntil: EARLIER }), NOW)).toBe(false);
    expect(canCancelOnline(appointment({ cancellableUntil: null }), NOW)).toBe(false);
  });

  it('may not cancel what is already over, whatever the deadline says', () => {
    for (const status of ['checked_in', 'expired', 'cancelled', 'no_show'] as const) {
      expect(canCancelOnline(appointment({ status }), NOW), status).toBe(false);
    }
  });

  it('is sent to the window for a confirmed visit past the deadline only', () => {
    expect(cancelOnlyAtWindow(appointment({ cancellableUntil: null }), NOW)).toBe(true);
    expect(cancelOnlyAtWindow(appointment(), NOW)).toBe(false);
    expect(
      cancelOnlyAtWindow(appointment({ status: 'cancelled', cancellableUntil: null }), NOW),
    ).toBe(false);
  });

  it('may pay a held appointment while the hold lasts', () => {
    expect(canPay(appointment({ status: 'held', holdExpiresAt: LATER }), NOW)).toBe(true);
    expect(canPay(appointment({ status: 'held', holdExpiresAt: EARLIER }), NOW)).toBe(false);
    expect(canPay(appointment({ status: 'held', holdExpiresAt: LATER, feeFen: 0 }), NOW)).toBe(
      false,
    );
    expect(canPay(appointment({ status: 'confirmed', holdExpiresAt: LATER }), NOW)).toBe(false);
  });
});

describe('after a refused booking', () => {
  it('sends a taken slot back to the slots and limits to the appointments', () => {
    expect(refusalNextStep('SLOT_TAKEN')).toBe('slots');
    expect(refusalNextStep('SCHEDULE_NOT_BOOKABLE')).toBe('schedules');
    expect(refusalNextStep('PATIENT_NOT_VERIFIED')).toBe('patients');
    expect(refusalNextStep('DUPLICATE_APPOINTMENT')).toBe('appointments');
    expect(refusalNextStep('WEEKLY_LIMIT_REACHED')).toBe('appointments');
  });

  it('offers no step where only the window can help', () => {
    expect(refusalNextStep('BOOKING_SUSPENDED')).toBeNull();
    expect(refusalNextStep('INTERNAL_ERROR')).toBeNull();
  });
});
