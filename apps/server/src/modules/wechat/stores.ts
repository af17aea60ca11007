import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { DedupeStore, Lock, StoredCredential, TokenStore } from '@zhangyi/wechat';
import type { Db } from '../../db/client';
import { wechatCredentials, wechatDedupe, wechatLocks } from './schema';

// The WeChat library's storage interfaces over PostgreSQL (always available) and Redis (when
// configured), so that every instance shares one access_token and one refresh at a time.

/** TokenStore over the `wechat_credentials` table. */
export class PgTokenStore implements TokenStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<StoredCredential | undefined> {
    const [row] = await this.db
      .select()
      .from(wechatCredentials)
      .where(eq(wechatCredentials.key, key));
    return row ? { value: row.value, expiresAt: row.expiresAt.getTime() } : undefined;
  }

  async set(key: string, value: string, expiresAt: number): Promise<void> {
    await this.db
      .insert(wechatCredentials)
      .values({ key, value, expiresAt: new Date(expiresAt) })
      .onConflictDoUpdate({
        target: wechatCredentials.key,
        set: { value, expiresAt: new Date(expiresAt) },
      });
  }

  async delete(key: string): Promise<void> {
    await this.db.delete(wechatCredentials).where(eq(wechatCredentials.key, key));
  }
}

/**
 * Keeps what the shared store answered for a few seconds in this process, so a mass send does not
 * read the token from PostgreSQL for every message. Safe because WeChat honours a replaced token
 * for about five minutes, and a refused token is deleted here as well as in the shared store.
 */
export class LocallyCachedTokenStore implements TokenStore {
  readonly #local = new Map<string, { credential: StoredCredential; until: number }>();

  constructor(
    private readonly shared: TokenStore,
    private readonly holdMs = 30_000,
  ) {}

  async get(key: string): Promise<StoredCredential | undefined> {
    const hit = this.#local.get(key);
    const now = Date.now();
    if (hit && hit.until > now && hit.credential.expiresAt > now) return hit.credential;
    const credential = await this.shared.get(key);
    if (credential) this.#local.set(key, { credential, until: now + this.holdMs });
    else this.#local.delete(key);
    return credential;
  }

  async set(key: string, value: string, expiresAt: number): Promise<void> {
    await this.shared.set(key, value, expiresAt);
    this.#local.set(key, { credential: { value, expiresAt }, until: Date.now() + this.holdMs });
  }

  async delete(key: string): Promise<void> {
    this.#local.delete(key);
    await this.shared.delete(key);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lock over the `wechat_locks` table: taking it is an upsert that only succeeds when the key is
 * free or its lease ran out, so a crashed holder blocks others for at most `ttlMs`.
 */
export class PgLeaseLock implements Lock {
  constructor(
    private readonly db: Db,
    private readonly pollMs = 50,
  ) {}

  async withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const giveUpAt = Date.now() + ttlMs * 2;
    for (;;) {
      const leaseUntil = new Date(Date.now() + ttlMs);
      const taken = await this.db
        .insert(wechatLocks)
        .values({ key, holder, expiresAt: leaseUntil })
        .onConflictDoUpdate({
          target: wechatLocks.key,
          set: { holder, expiresAt: leaseUntil },
          setWhere: lt(wechatLocks.expiresAt, sql`now()`),
        })
        .returning({ holder: wechatLocks.holder });
      if (taken[0]?.holder === holder) break;
      if (Date.now() > giveUpAt) throw new Error(`lock ${key} not acquired within ${ttlMs * 2} ms`);
      await sleep(this.pollMs);
    }
    try {
      return await fn();
    } finally {
      await this.db
        .delete(wechatLocks)
        .where(and(eq(wechatLocks.key, key), eq(wechatLocks.holder, holder)));
    }
  }
}

/** DedupeStore over the `wechat_dedupe` table: the first insert of a key wins. */
export class PgDedupeStore implements DedupeStore {
  constructor(private readonly db: Db) {}

  async firstSeen(key: string, ttlSeconds: number): Promise<boolean> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    // An expired key counts as unseen: replace it in place.
    const rows = await this.db
      .insert(wechatDedupe)
      .values({ key, expiresAt })
      .onConflictDoUpdate({
        target: wechatDedupe.key,
        set: { expiresAt },
        setWhere: lt(wechatDedupe.expiresAt, sql`now()`),
      })
      .returning({ key: wechatDedupe.key });
    return rows.length === 1;
  }

  /** Deletes expired keys (a scheduled job calls it). */
  async prune(): Promise<number> {
    const rows = await this.db
      .delete(wechatDedupe)
      .where(lt(wechatDedupe.expiresAt, sql`now()`))
      .returning({ key: wechatDedupe.key });
    return rows.length;
  }
}

/** TokenStore over Redis: values expire by themselves. */
export class RedisTokenStore implements TokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'zhangyi:wechat:',
  ) {}

  async get(key: string): Promise<StoredCredential | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw ? (JSON.parse(raw) as StoredCredential) : undefined;
  }

  async set(key: string, value: string, expiresAt: number): Promise<void> {
    const ttl = Math.max(1, expiresAt - Date.now());
    await this.redis.set(this.prefix + key, JSON.stringify({ value, expiresAt }), 'PX', ttl);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}

/** Lock over Redis `SET NX PX`, released only by its holder. */
export class RedisLock implements Lock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'zhangyi:lock:',
    private readonly pollMs = 50,
  ) {}

  async withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const giveUpAt = Date.now() + ttlMs * 2;
    while ((await this.redis.set(this.prefix + key, holder, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (Date.now() > giveUpAt) throw new Error(`lock ${key} not acquired within ${ttlMs * 2} ms`);
      await sleep(this.pollMs);
    }
    try {
      return await fn();
    } finally {
      // Delete only our own lease: compare and delete atomically.
      await this.redis.eval(
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
        1,
        this.prefix + key,
        holder,
      );
    }
  }
}

/** DedupeStore over Redis `SET NX EX`. */
export class RedisDedupeStore implements DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'zhangyi:dedupe:',
  ) {}

  async firstSeen(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }
}
