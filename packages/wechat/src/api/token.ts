import { systemClock, type Clock } from '../core';
import { WechatResponseError } from '../errors';
import { buildUrl, jsonPost, type HttpClient } from './http';

// Access tokens (and JS-SDK tickets) are shared by every instance of the server: fetching a new
// /cgi-bin/token invalidates the previous one after about five minutes, so instances that each
// fetched their own would keep knocking each other out. Hence a shared store, a cross-process
// lock, and a re-read of the store once the lock is held.

/** A cached credential and the time (ms since epoch) until which it may be used. */
export interface StoredCredential {
  value: string;
  /** When to stop using the value; the safety margin is already subtracted. */
  expiresAt: number;
}

/** Shared storage for tokens; the server implements it over PostgreSQL or Redis. */
export interface TokenStore {
  get(key: string): Promise<StoredCredential | undefined>;
  set(key: string, value: string, expiresAt: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A mutual-exclusion lock, cross-process in production (advisory lock, Redis SET NX). */
export interface Lock {
  /** Runs `fn` while holding `key`; an abandoned lock must free itself after `ttlMs`. */
  withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>): Promise<T>;
}

/** In-process TokenStore (one server instance, tests). */
export class MemoryTokenStore implements TokenStore {
  private readonly values = new Map<string, StoredCredential>();

  async get(key: string): Promise<StoredCredential | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string, expiresAt: number): Promise<void> {
    this.values.set(key, { value, expiresAt });
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

/** In-process Lock: callers of one key run one after another. `ttlMs` is not needed here. */
export class MemoryLock implements Lock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withLock<T>(key: string, _ttlMs: number, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** Options of a CachedCredential. */
export interface CachedCredentialOptions {
  /** Store key, e.g. `wechat:access_token:<appid>`. */
  key: string;
  store: TokenStore;
  lock: Lock;
  clock: Clock;
  /** Fetches a new value from WeChat. */
  fetch: () => Promise<{ value: string; expiresInSeconds: number }>;
  /** Stop using a value this long before WeChat says it expires. */
  safetyMarginSeconds: number;
  /** How long the refresh lock may be held. */
  lockTtlMs: number;
}

/** A credential cached in a TokenStore, refreshed by one caller at a time across processes. */
export class CachedCredential {
  private inflight: Promise<string> | undefined;

  constructor(private readonly options: CachedCredentialOptions) {}

  /** The current value, fetching a new one only when the store holds none that is still fresh. */
  async get(): Promise<string> {
    const cached = await this.fresh();
    if (cached !== undefined) return cached;
    // In-process single flight: concurrent callers share one refresh.
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forgets `value` if it is still the stored one (another caller may already have replaced it). */
  async invalidate(value: string): Promise<void> {
    const { store, key } = this.options;
    const current = await store.get(key);
    if (current?.value === value) await store.delete(key);
  }

  /** Forgets whatever value is stored. */
  async clear(): Promise<void> {
    await this.options.store.delete(this.options.key);
  }

  private async fresh(): Promise<string | undefined> {
    const stored = await this.options.store.get(this.options.key);
    return stored && stored.expiresAt > this.options.clock.now() ? stored.value : undefined;
  }

  private async refresh(): Promise<string> {
    const { lock, key, lockTtlMs, store, clock, safetyMarginSeconds } = this.options;
    return lock.withLock(`${key}:lock`, lockTtlMs, async () => {
      // Another process may have refreshed while we waited for the lock.
      const again = await this.fresh();
      if (again !== undefined) return again;
      const { value, expiresInSeconds } = await this.options.fetch();
      // Short-lived values (tests, stable_token near its end) keep at least half their life.
      const usable = Math.max(expiresInSeconds - safetyMarginSeconds, expiresInSeconds / 2);
      await store.set(key, value, clock.now() + usable * 1000);
      return value;
    });
  }
}

/** Options of the access-token manager. */
export interface AccessTokenOptions {
  appId: string;
  secret: string;
  http: HttpClient;
  /** Default `https://api.weixin.qq.com`. */
  baseUrl?: string;
  /** Shared store; default in-memory (single instance only). */
  store?: TokenStore;
  /** Cross-process lock; default in-process. */
  lock?: Lock;
  clock?: Clock;
  /** Use `/cgi-bin/stable_token` instead of `/cgi-bin/token`. */
  useStableToken?: boolean;
  /** Default 300 s: WeChat keeps an old token valid about 5 minutes after a refresh. */
  safetyMarginSeconds?: number;
  /** Prefix of store keys. Default `wechat`. */
  keyPrefix?: string;
  /** Default 15 000 ms, longer than one token request's timeout. */
  lockTtlMs?: number;
}

type TokenAnswer = Record<string, unknown>;

/** Supplies the account's access_token, cached and refreshed once across all instances. */
export class AccessTokenManager {
  private readonly credential: CachedCredential;
  readonly appId: string;

  constructor(options: AccessTokenOptions) {
    const baseUrl = options.baseUrl ?? 'https://api.weixin.qq.com';
    const { http, appId, secret } = options;
    this.appId = appId;
    const fetchToken = async () => {
      const answer = options.useStableToken
        ? await http.json<TokenAnswer>(
            '/cgi-bin/stable_token',
            buildUrl(baseUrl, '/cgi-bin/stable_token'),
            jsonPost({ grant_type: 'client_credential', appid: appId, secret }),
          )
        : await http.json<TokenAnswer>(
            '/cgi-bin/token',
            buildUrl(baseUrl, '/cgi-bin/token', {
              grant_type: 'client_credential',
              appid: appId,
              secret,
            }),
          );
      return readExpiring(
        answer,
        'access_token',
        options.useStableToken ? '/cgi-bin/stable_token' : '/cgi-bin/token',
      );
    };
    this.credential = new CachedCredential({
      key: `${options.keyPrefix ?? 'wechat'}:access_token:${appId}`,
      store: options.store ?? new MemoryTokenStore(),
      lock: options.lock ?? new MemoryLock(),
      clock: options.clock ?? systemClock,
      fetch: fetchToken,
      safetyMarginSeconds: options.safetyMarginSeconds ?? 300,
      lockTtlMs: options.lockTtlMs ?? 15_000,
    });
  }

  /** A valid access_token. */
  getToken(): Promise<string> {
    return this.credential.get();
  }

  /** Drops `token` after WeChat called it invalid (40001, 40014, 42001). */
  invalidate(token: string): Promise<void> {
    return this.credential.invalidate(token);
  }
}

/** Reads `{<field>, expires_in}` from an answer, refusing anything else. */
export function readExpiring(
  answer: Record<string, unknown>,
  field: string,
  endpoint: string,
): { value: string; expiresInSeconds: number } {
  const value = answer[field];
  const expires = answer['expires_in'];
  if (typeof value !== 'string' || value === '' || typeof expires !== 'number' || !(expires > 0)) {
    throw new WechatResponseError(200, endpoint, `answer has no ${field} / expires_in`);
  }
  return { value, expiresInSeconds: expires };
}
