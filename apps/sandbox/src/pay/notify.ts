// Pay and refund notifications: a signed JSON body with an AES-GCM encrypted resource, POSTed to
// notify_url and retried on WeChat Pay's schedule (scaled by timeScale) until answered with 2xx.
import { randomUUID } from 'node:crypto';
import { payTime } from '../clock';
import type { Ctx } from '../context';
import { encryptResource, platformHeaders } from './sign';

/** Waits after each failed attempt, in seconds: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h. */
export const RETRY_SCHEDULE_S = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

/** One attempt to deliver a notification. */
export interface NotifyAttempt {
  /** Real milliseconds since the epoch (retries run on real, scaled timers). */
  at: number;
  durationMs: number;
  status?: number;
  error?: string;
}

/** A notification and its delivery history. */
export interface Delivery {
  id: string;
  url: string;
  eventType: string;
  outTradeNo: string;
  outRefundNo?: string;
  body: string;
  /** The decrypted resource, for people reading the control API. */
  resource: unknown;
  attempts: NotifyAttempt[];
  state: 'pending' | 'delivered' | 'gave-up';
  nextAttemptAt?: number;
}

/** Schedules notifications and keeps their history. */
export class PayNotifier {
  private deliveries: Delivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private aborts = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly ctx: Ctx) {}

  /** Sends a notification now and keeps retrying it until it is acknowledged. */
  notify(input: {
    url: string;
    eventType: string;
    summary: string;
    originalType: 'transaction' | 'refund';
    resource: object;
    outTradeNo: string;
    outRefundNo?: string;
  }): Delivery {
    const plaintext = JSON.stringify(input.resource);
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: payTime(this.ctx.clock.now()),
      resource_type: 'encrypt-resource',
      event_type: input.eventType,
      summary: input.summary,
      resource: {
        original_type: input.originalType,
        ...encryptResource(this.ctx.config.apiV3Key, plaintext, input.originalType),
      },
    });
    const delivery: Delivery = {
      id: (JSON.parse(body) as { id: string }).id,
      url: input.url,
      eventType: input.eventType,
      outTradeNo: input.outTradeNo,
      outRefundNo: input.outRefundNo,
      body,
      resource: input.resource,
      attempts: [],
      state: 'pending',
      nextAttemptAt: Date.now(),
    };
    this.deliveries.push(delivery);
    void this.attempt(delivery);
    return delivery;
  }

  /** Runs `task` after `ms` unless the sandbox closes first (refunds completing on their own). */
  after(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) task();
    }, ms);
    this.timers.add(timer);
  }

  /** All deliveries, oldest first. */
  list(): Delivery[] {
    return this.deliveries;
  }

  /** Forgets the history (pending retries continue). */
  clear(): void {
    this.deliveries = this.deliveries.filter((d) => d.state === 'pending');
  }

  /** Cancels scheduled retries and attempts in flight. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const a of this.aborts) a.abort();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.stopped) return;
    const { config, clock } = this.ctx;
    const started = Date.now();
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), config.replyTimeoutMs);
    let attempt: NotifyAttempt;
    try {
      if (this.ctx.faults.take('payNotify')) throw new Error('lost on the way (payNotify fault)');
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': 'Mozilla/4.0',
          ...platformHeaders(config, delivery.body, clock.seconds()),
        },
        body: delivery.body,
        signal: abort.signal,
      });
      await res.arrayBuffer();
      attempt = { at: started, durationMs: Date.now() - started, status: res.status };
    } catch (e) {
      const error = abort.signal.aborted
        ? `no answer within ${config.replyTimeoutMs} ms`
        : (e as Error).message;
      attempt = { at: started, durationMs: Date.now() - started, error };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
    delivery.attempts.push(attempt);
    if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
      delivery.state = 'delivered';
      delivery.nextAttemptAt = undefined;
      return;
    }
    const wait = RETRY_SCHEDULE_S[delivery.attempts.length - 1];
    if (wait === undefined || this.stopped) {
      delivery.state = 'gave-up';
      delivery.nextAttemptAt = undefined;
      return;
    }
    // Intervals count from the moment the attempt failed.
    const delay = wait * 1000 * config.timeScale;
    delivery.nextAttemptAt = Date.now() + delay;
    const retry = setTimeout(() => {
      this.timers.delete(retry);
      void this.attempt(delivery);
    }, delay);
    this.timers.add(retry);
  }
}
