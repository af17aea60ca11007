import type { Redis } from 'ioredis';
import {
  MessageServer,
  OAuthClient,
  PayClient,
  WechatClient,
  type DedupeStore,
} from '@zhangyi/wechat';
import type { WechatConfig, WechatPayConfig } from '../../config';
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
  /** WeChat Pay, when a merchant is configured. */
  pay: PayClient | undefined;
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
    pay: config.pay && createPayClient(config.pay),
  };
}

// Signatures and notification times are checked against the real clock, never a test clock.
function createPayClient(pay: WechatPayConfig): PayClient {
  return new PayClient({
    mchId: pay.mchId,
    merchantSerialNo: pay.merchantSerialNo,
    privateKey: pay.merchantPrivateKeyPem,
    apiV3Key: pay.apiV3Key,
    baseUrl: pay.baseUrl,
    verification:
      pay.publicKeyId && pay.publicKeyPem
        ? { mode: 'publicKey', publicKeyId: pay.publicKeyId, publicKey: pay.publicKeyPem }
        : { mode: 'certificates' },
  });
}
