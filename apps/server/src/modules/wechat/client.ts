import type { Redis } from 'ioredis';
import { WechatClient, type DedupeStore } from '@zhangyi/wechat';
import type { WechatConfig } from '../../config';
import type { Db } from '../../db/client';
import {
  LocallyCachedTokenStore,
  PgDedupeStore,
  PgLeaseLock,
  PgTokenStore,
  RedisDedupeStore,
  RedisLock,
  RedisTokenStore,
} from './stores';

/** The Official Account as the rest of the server uses it. */
export interface WechatServices {
  config: WechatConfig;
  client: WechatClient;
  dedupe: DedupeStore;
}

/**
 * Connects the protocol library to shared storage: Redis when configured (fast, expiring keys),
 * PostgreSQL otherwise, so that every instance uses one token and one refresh at a time.
 */
export function createWechatServices(
  config: WechatConfig,
  db: Db,
  redis: Redis | undefined,
): WechatServices {
  const client = new WechatClient({
    appId: config.appId,
    secret: config.appSecret,
    baseUrl: config.apiBaseUrl,
    mpBaseUrl: config.mpBaseUrl,
    tokenStore: new LocallyCachedTokenStore(
      redis ? new RedisTokenStore(redis) : new PgTokenStore(db),
    ),
    lock: redis ? new RedisLock(redis) : new PgLeaseLock(db),
    keyPrefix: `wechat:${config.appId}`,
  });
  return { config, client, dedupe: redis ? new RedisDedupeStore(redis) : new PgDedupeStore(db) };
}
