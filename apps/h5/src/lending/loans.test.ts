import { describe, expect, it } from 'vitest';
import { loanStatuses } from '@zhangyi/contracts';
import {
  LOAN_STATUSES,
  durationParts,
  hospitalMonth,
  labelTokenFrom,
  loanFormProblems,
  previousMonth,
  type LoanForm,
} from './loans';

describe('loan states', () => {
  it('match the contracts', () => {
    expect([...LOAN_STATUSES]).toEqual([...loanStatuses]);
  });
});

describe('scanned labels', () => {
  it('reads the token from the label URL', () => {
    expect(labelTokenFrom('http://127.0.0.1:3000/r/AbCdEfGhIjKlMnOpQrStUv')).toBe(
      'AbCdEfGhIjKlMnOpQrStUv',
    );
    expect(labelTokenFrom('https://h.example/r/AbCdEfGhIjKlMnOpQrStUv?x=1')).toBe(
      'AbCdEfGhIjKlMnOpQrStUv',
    );
  });

  it('takes a bare token and refuses other codes', () => {
    expect(labelTokenFrom(' AbCdEfGhIjKlMnOpQrStUv ')).toBe('AbCdEfGhIjKlMnOpQrStUv');
    expect(labelTokenFrom('https://example.com/page')).toBeNull();
    expect(labelTokenFrom('ZY-PATIENT:123')).toBeNull();
  });
});

describe('loan request form', () => {
  const form: LoanForm = {
    categoryId: 'c',
    deviceId: '',
    quantity: 1,
    expectedHours: 8,
    purpose: '术后监护',
    urgency: 'normal',
  };

  it('accepts a complete request', () => {
    expect(loanFormProblems(form)).toEqual([]);
  });

  it('allows one device when a specific one is named', () => {
    expect(loanFormProblems({ ...form, deviceId: 'd', quantity: 2 })).toEqual(['quantity']);
    expect(loanFormProblems({ ...form, quantity: 2 })).toEqual([]);
  });

  it('names every missing or out-of-range field', () => {
    expect(
      loanFormProblems({ ...form, categoryId: '', quantity: 0, expectedHours: 2161, purpose: ' ' }),
    ).toEqual(['category', 'quantity', 'expectedHours', 'purpose']);
  });
});

describe('durations and months', () => {
  it('says whole days as days', () => {
    expect(durationParts(72)).toEqual({ unit: 'days', count: 3 });
    expect(durationParts(30)).toEqual({ unit: 'hours', count: 30 });
  });

  it('takes the month on the hospital clock', () => {
    // 16:30 UTC on 31 January is already 1 February in Shanghai.
    expect(hospitalMonth(new Date('2026-01-31T16:30:00Z'))).toBe('2026-02');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});
