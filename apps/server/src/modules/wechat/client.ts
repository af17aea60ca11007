import type { Redis } from 'ioredis';
import { MessageServer, OAuthClient, WechatClient, type DedupeStore } from '@zhangyi/wechat';
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
  /** Verifies, decrypts and parses callbacks, and encrypts replies. */
  messages: MessageServer;
  oauth: OAuthClient;
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
  const messages = new MessageServer({
    token: config.token,
    appId: config.appId,
    mode: config.messageMode,
    ...(config.encodingAESKey && { encodingAESKey: config.encodingAESKey }),
  });
  const oauth = new OAuthClient({
    appId: config.appId,
    secret: config.appSecret,
    apiBaseUrl: config.apiBaseUrl,
    openBaseUrl: config.openBaseUrl,
  });
  return {
    config,
    client,
    messages,
    oauth,
    dedupe: redis ? new RedisDedupeStore(redis) : new PgDedupeStore(db),
  };
}
