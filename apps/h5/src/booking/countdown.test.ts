import { describe, expect, it } from 'vitest';
import { formatCountdown, secondsUntil } from './countdown';

const NOW = Date.parse('2026-03-02T02:00:00Z');

describe('the countdown to the end of a hold', () => {
  it('counts whole seconds up, so it reaches 0 only when the time has come', () => {
    expect(secondsUntil('2026-03-02T02:15:00Z', NOW)).toBe(900);
    expect(secondsUntil('2026-03-02T02:00:00.200Z', NOW)).toBe(1);
  });

  it('never goes below zero, and is zero without an end', () => {
    expect(secondsUntil('2026-03-02T01:59:00Z', NOW)).toBe(0);
    expect(secondsUntil(null, NOW)).toBe(0);
    expect(secondsUntil('not a time', NOW)).toBe(0);
  });

  it('shows minutes and seconds, and hours only when there are some', () => {
    expect(formatCountdown(899)).toBe('14:59');
    expect(formatCountdown(5)).toBe('00:05');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(3723)).toBe('1:02:03');
    expect(formatCountdown(-4)).toBe('00:00');
  });
});
