import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WechatApiError } from '../errors';
import { FakeWechat } from '../../test/fake-wechat';
import { HttpClient } from './http';
import { AccessTokenManager, MemoryLock, MemoryTokenStore, type Lock } from './token';

describe('access token manager', () => {
  let wechat: FakeWechat;
  beforeEach(async () => {
    wechat = new FakeWechat();
    await wechat.start();
  });
  afterEach(() => wechat.stop());

  const manager = (extra: Partial<ConstructorParameters<typeof AccessTokenManager>[0]> = {}) =>
    new AccessTokenManager({
      appId: wechat.appId,
      secret: wechat.secret,
      http: new HttpClient(),
      baseUrl: wechat.baseUrl,
      ...extra,
    });

  it('fetches once and serves the cached token afterwards', async () => {
    const tokens = manager();
    const first = await tokens.getToken();
    expect(first).toBe('ACCESS_TOKEN_1');
    expect(await tokens.getToken()).toBe(first);
    expect(wechat.tokenFetches).toBe(1);
  });

  it('refreshes once for 20 concurrent callers on two instances sharing a store and a lock', async () => {
    wechat.tokenDelayMs = 100;
    const store = new MemoryTokenStore();
    const lock = new MemoryLock();
    const a = manager({ store, lock });
    const b = manager({ store, lock });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getToken()),
    );
    expect(new Set(results)).toEqual(new Set(['ACCESS_TOKEN_1']));
    expect(wechat.tokenFetches).toBe(1);
  });

  it('without a shared lock, two instances would each fetch (why the lock exists)', async () => {
    wechat.tokenDelayMs = 100;
    const store = new MemoryTokenStore();
    const a = manager({ store, lock: new MemoryLock() });
    const b = manager({ store, lock: new MemoryLock() });
    await Promise.all([a.getToken(), b.getToken()]);
    expect(wechat.tokenFetches).toBe(2);
  });

  it('re-reads the store after taking the lock, so a waiting instance uses the new token', async () => {
    const store = new MemoryTokenStore();
    // A lock that records how many critical sections ran.
    let sections = 0;
    const inner = new MemoryLock();
    const lock: Lock = {
      withLock: (key, ttl, fn) => inner.withLock(key, ttl, () => (sections++, fn())),
    };
    wechat.tokenDelayMs = 50;
    const a = manager({ store, lock });
    const b = manager({ store, lock });
    await Promise.all([a.getToken(), b.getToken()]);
    expect(sections).toBe(2);
    expect(wechat.tokenFetches).toBe(1);
  });

  it('refreshes before expiry by the safety margin', async () => {
    let now = 1_000_000;
    const tokens = manager({ clock: { now: () => now } });
    expect(await tokens.getToken()).toBe('ACCESS_TOKEN_1');
    now += (7200 - 300 - 1) * 1000;
    expect(await tokens.getToken()).toBe('ACCESS_TOKEN_1');
    now += 2000;
    expect(await tokens.getToken()).toBe('ACCESS_TOKEN_2');
  });

  it('uses /cgi-bin/stable_token when asked', async () => {
    const tokens = manager({ useStableToken: true });
    expect(await tokens.getToken()).toBe('ACCESS_TOKEN_1');
    expect(wechat.stableTokenFetches).toBe(1);
    expect(wechat.tokenFetches).toBe(0);
  });

  it('invalidates only the token it was told about', async () => {
    const store = new MemoryTokenStore();
    const tokens = manager({ store });
    const t1 = await tokens.getToken();
    await tokens.invalidate('SOMEONE_ELSES');
    expect(await tokens.getToken()).toBe(t1);
    await tokens.invalidate(t1);
    expect(await tokens.getToken()).toBe('ACCESS_TOKEN_2');
  });

  it('raises a wrong secret as WechatApiError without leaking the secret', async () => {
    const tokens = manager({ secret: 'wrong-secret' });
    const err = await tokens.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ errcode: 40125, endpoint: '/cgi-bin/token' });
    expect(String((err as Error).message)).not.toContain('wrong-secret');
    // A failed refresh is not cached: the next call tries again.
    await tokens.getToken().catch(() => undefined);
    expect(wechat.tokenFetches).toBe(2);
  });
});
