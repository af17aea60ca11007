// The sandbox's notion of "now", which tests may move forward to expire tokens, codes and QR codes
// without waiting. Retry timers are real timers scaled by timeScale, not this clock.

/** A wall clock with an adjustable offset. */
export class Clock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, shifted by any advance. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Seconds since the epoch, as WeChat's CreateTime and timestamps. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves the clock forward (never back, so ordering holds). */
  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }

  /** How far the clock has been moved. */
  get offset(): number {
    return this.offsetMs;
  }
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes times (2024-01-02T03:04:05+08:00). */
export function payTime(ms: number): string {
  const local = new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}
