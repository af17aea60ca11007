import { describe, expect, it } from 'vitest';
import { resultView } from './result';

const none = { outcome: null, unsettled: false };

describe('the booking result page', () => {
  it('shows success for a confirmed booking, paid or free, and after check-in', () => {
    expect(resultView('confirmed', { outcome: 'ok', unsettled: false }, false)).toBe('success');
    expect(resultView('confirmed', none, false)).toBe('success');
    expect(resultView('checked_in', none, false)).toBe('success');
  });

  it('says the payment is being confirmed when the sheet said paid but the server still holds it', () => {
    expect(resultView('held', { outcome: 'ok', unsettled: true }, true)).toBe('processing');
    expect(resultView('held', { outcome: 'ok', unsettled: true }, false)).toBe('processing');
  });

  it('offers to pay again after the payer closed the sheet or it failed, while the hold lasts', () => {
    expect(resultView('held', { outcome: 'cancel', unsettled: false }, true)).toBe('payCancelled');
    expect(resultView('held', { outcome: 'fail', unsettled: false }, true)).toBe('payFailed');
    expect(resultView('held', none, true)).toBe('unpaid');
  });

  it('calls a hold that has run out expired even before the server has released it', () => {
    expect(resultView('held', { outcome: 'cancel', unsettled: false }, false)).toBe('expired');
    expect(resultView('expired', none, false)).toBe('expired');
  });

  it('shows a cancellation as such, and other states by their name', () => {
    expect(resultView('cancelled', none, false)).toBe('cancelled');
    expect(resultView('no_show', none, false)).toBe('other');
  });
});
