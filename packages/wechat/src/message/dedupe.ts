import { systemClock, type Clock } from '../core';
import type { InboundMessage } from './inbound';

// WeChat waits 5 s for an answer and tries three times in all, so a slow handler sees the same
// message again. Messages are keyed by MsgId; events have none, so they are keyed by sender,
// creation time and event name.

/** Remembers keys for a while; the server implements it over PostgreSQL or Redis. */
export interface DedupeStore {
  /** Records `key` for `ttlSeconds`; true when it was not already recorded (first delivery). */
  firstSeen(key: string, ttlSeconds: number): Promise<boolean>;
}

/** The key under which a message is de-duplicated. */
export function dedupeKey(message: InboundMessage): string {
  const msgId = message.kind === 'event' ? undefined : (message.raw['MsgId'] ?? undefined);
  if (typeof msgId === 'string' && msgId !== '') return `msg:${message.toUserName}:${msgId}`;
  const event = message.kind === 'event' || message.kind === 'unknown' ? message.event : '';
  return `evt:${message.toUserName}:${message.fromUserName}:${message.createTime}:${event ?? ''}`;
}

/** In-process DedupeStore: a map with expiry, swept as it grows. */
export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, number>();
  private sweepAt = 1024;

  constructor(private readonly clock: Clock = systemClock) {}

  async firstSeen(key: string, ttlSeconds: number): Promise<boolean> {
    const now = this.clock.now();
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    if (this.seen.size >= this.sweepAt) this.sweep(now);
    this.seen.delete(key);
    this.seen.set(key, now + ttlSeconds * 1000);
    return true;
  }

  private sweep(now: number): void {
    for (const [key, until] of this.seen) {
      if (until <= now) this.seen.delete(key);
    }
    // Keep sweeping cost amortised: next sweep when the live set has doubled.
    this.sweepAt = Math.max(1024, this.seen.size * 2);
  }
}

/** Tells first deliveries from WeChat's retries. */
export class MessageDeduplicator {
  /** `ttlSeconds` must outlast WeChat's retries (about 15 s); default 300. */
  constructor(
    private readonly store: DedupeStore,
    private readonly ttlSeconds = 300,
  ) {}

  /** True the first time a message is seen, false for its retries. */
  async isFirstDelivery(message: InboundMessage): Promise<boolean> {
    return this.store.firstSeen(dedupeKey(message), this.ttlSeconds);
  }
}
