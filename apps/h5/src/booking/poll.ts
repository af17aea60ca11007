/** How a poll waits and reads the time; tests pass a fake clock. */
export interface PollOptions {
  /** Pause between two attempts. */
  intervalMs: number;
  /** No new attempt starts once this long has passed since the first. */
  timeoutMs: number;
  /** Stops early, e.g. when the page is left. */
  stopped?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` at once, then again every `intervalMs` until `done` says so or time is up.
 * A failed attempt (a network blip while the payment settles) does not end the poll; it is
 * thrown only when no attempt at all succeeded.
 */
export async function pollUntil<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions,
): Promise<{ value: T; settled: boolean }> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const started = now();
  let last: { value: T } | null = null;
  let failure: unknown = null;
  for (;;) {
    try {
      last = { value: await attempt() };
      if (done(last.value)) return { value: last.value, settled: true };
    } catch (cause) {
      failure = cause;
    }
    if (options.stopped?.() || now() - started + options.intervalMs > options.timeoutMs) break;
    await sleep(options.intervalMs);
    if (options.stopped?.()) break;
  }
  if (last) return { value: last.value, settled: false };
  throw failure;
}
