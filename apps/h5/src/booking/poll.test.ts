import { describe, expect, it } from 'vitest';
import { pollUntil } from './poll';

/** A clock that moves only when the poll sleeps. */
function fakeClock() {
  let time = 0;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: async (ms: number) => {
      slept.push(ms);
      time += ms;
    },
    slept,
  };
}

describe('polling for the payment outcome', () => {
  it('stops at the first answer that settles it', async () => {
    const clock = fakeClock();
    const answers = ['held', 'held', 'confirmed', 'confirmed'];
    let calls = 0;
    const result = await pollUntil(
      async () => answers[calls++]!,
      (status) => status !== 'held',
      { intervalMs: 1500, timeoutMs: 20_000, ...clock },
    );
    expect(result).toEqual({ value: 'confirmed', settled: true });
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([1500, 1500]);
  });

  it('gives up after the timeout with the last answer, unsettled', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await pollUntil(
      async () => {
        calls += 1;
        return 'held';
      },
      (status) => status !== 'held',
      { intervalMs: 1500, timeoutMs: 20_000, ...clock },
    );
    expect(result).toEqual({ value: 'held', settled: false });
    // At 0, 1.5 s, … 19.5 s: a fourteenth attempt would start after 20 s.
    expect(calls).toBe(14);
    expect(clock.now()).toBe(19_500);
  });

  it('rides out a failed attempt and settles on a later one', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await pollUntil(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('network');
        return 'confirmed';
      },
      (status) => status !== 'held',
      { intervalMs: 1500, timeoutMs: 20_000, ...clock },
    );
    expect(result).toEqual({ value: 'confirmed', settled: true });
  });

  it('throws the failure when no attempt succeeded', async () => {
    const clock = fakeClock();
    await expect(
      pollUntil(
        async () => {
          throw new Error('offline');
        },
        () => true,
        { intervalMs: 1500, timeoutMs: 3000, ...clock },
      ),
    ).rejects.toThrow('offline');
  });

  it('stops when the page is left', async () => {
    const clock = fakeClock();
    let calls = 0;
    let left = false;
    const result = await pollUntil(
      async () => {
        calls += 1;
        left = true;
        return 'held';
      },
      (status) => status !== 'held',
      { intervalMs: 1500, timeoutMs: 20_000, stopped: () => left, ...clock },
    );
    expect(calls).toBe(1);
    expect(result.settled).toBe(false);
  });
});
