import { hostname } from 'node:os';

/**
 * Server configuration, read once from environment variables and validated before anything starts.
 * A wrong or missing value stops the server with one line naming the variable and what it expects.
 */

export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  /** The URL people and WeChat reach this server at, without a trailing slash. */
  publicUrl: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Connections this instance keeps to the PostgreSQL server. */
  databasePoolSize: number;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  redisUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimitBytes: number;
  trustProxy: boolean;
  session: {
    /** Secret that signs the session cookie. */
    secret: string;
    cookieSecure: boolean;
    idleMinutes: number;
    maxHours: number;
  };
  rateLimit: {
    perIpPerMinute: number;
    perAccountPerMinute: number;
    signInPerIpPerMinute: number;
  };
  signIn: {
    /** Failed attempts within `windowMinutes` that lock the account. */
    maxFailures: number;
    windowMinutes: number;
    lockMinutes: number;
  };
  pii: {
    /** Encryption keys by id; the first is used for new data, the others still decrypt. */
    keys: { id: string; key: Buffer }[];
    /** Key of the keyed hash used to look personal data up without decrypting it. */
    hashKey: Buffer;
  };
  /** Where the built front ends are; missing builds are simply not served. */
  staticDirs: { h5: string; admin: string };
  /** Origins allowed to frame our pages (the WeChat sandbox's phone frame in the demo). */
  frameAncestors: string[];
  timeZone: string;
  demoSeed: boolean;
  /** Name of this process in job runs and outbox claims. */
  instanceId: string;
  /** The Official Account; absent until the hospital configures one (WeChat features then refuse). */
  wechat: WechatConfig | undefined;
  notifications: {
    /** Run the outbox dispatcher in this process. */
    dispatcherEnabled: boolean;
    /** Template messages per second for the whole account, all instances together; 0 = no limit. */
    ratePerSecond: number;
    maxAttempts: number;
    batchSize: number;
    /** Sends in flight per batch. */
    concurrency: number;
    /** Batches in flight per dispatcher. */
    parallelBatches: number;
    /** Delay after WeChat says the quota or rate is exhausted (45009 etc.). */
    throttleDelaySeconds: number;
    pollIntervalMs: number;
    /** How long a dispatcher's claim lasts before another may take the notice over. */
    leaseSeconds: number;
  };
  scheduler: { enabled: boolean; tickIntervalMs: number };
  patients: {
    /** Patients one WeChat user may bind. */
    limit: number;
    attemptsPerUserPerHour: number;
    attemptsPerIdPerDay: number;
  };
  /** Self-service kiosks that may check patients in, each with its own secret key. */
  kiosks: { name: string; key: string }[];
}

export interface WechatConfig {
  appId: string;
  appSecret: string;
  token: string;
  encodingAESKey: string | undefined;
  messageMode: 'plain' | 'compatible' | 'safe';
  apiBaseUrl: string;
  openBaseUrl: string;
  mpBaseUrl: string;
  jssdkUrl: string;
  pay: WechatPayConfig | undefined;
}

export interface WechatPayConfig {
  mchId: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  apiV3Key: string;
  baseUrl: string;
  /** WeChat Pay public-key mode: the key id and PEM; otherwise platform certificates are downloaded. */
  publicKeyId: string | undefined;
  publicKeyPem: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    got: string | undefined,
  ) {
    super(
      `Configuration error: ${variable} must be ${expected}` +
        (got === undefined
          ? ' (it is not set)'
          : ` (got "${got.length > 40 ? `${got.slice(0, 40)}…` : got}")`),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw))
    throw new ConfigError(name, `one of ${values.join(', ')}`, raw);
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
  } catch {
    throw new ConfigError(
      name,
      `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      raw,
    );
  }
  return raw;
}

function base64Key(name: string, raw: string, shown: string): Buffer {
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32 || key.toString('base64') !== raw) {
    throw new ConfigError(
      name,
      'base64 of exactly 32 random bytes (e.g. `openssl rand -base64 32`)',
      shown,
    );
  }
  return key;
}

function piiKeys(env: Env): { id: string; key: Buffer }[] {
  const name = 'PII_ENCRYPTION_KEYS';
  const raw = read(env, name);
  const expected =
    'a comma-separated list of keyId:base64key (32-byte keys), the current key first';
  if (raw === undefined) throw new ConfigError(name, expected, undefined);
  const keys = raw.split(',').map((entry) => {
    const [id, key] = entry.trim().split(':');
    if (!id || !key || !/^[A-Za-z0-9_-]{1,16}$/.test(id))
      throw new ConfigError(name, expected, '<hidden>');
    return { id, key: base64Key(name, key, '<hidden>') };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) {
    throw new ConfigError(name, 'a list of keys with distinct ids', '<hidden>');
  }
  return keys;
}

function required(env: Env, name: string, expected: string): string {
  const value = read(env, name);
  if (value === undefined) throw new ConfigError(name, expected, undefined);
  return value;
}

function pem(env: Env, name: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string {
  // PEMs arrive through environment variables with real or escaped newlines.
  const value = required(env, name, `a PEM ${kind.toLowerCase()}`).replace(/\\n/g, '\n');
  if (
    !value.includes(`-----BEGIN ${kind}-----`) &&
    !value.includes(`-----BEGIN RSA ${kind}-----`)
  ) {
    throw new ConfigError(
      name,
      `a PEM ${kind.toLowerCase()} (-----BEGIN ${kind}-----)`,
      '<hidden>',
    );
  }
  return value;
}

function wechatConfig(env: Env): WechatConfig | undefined {
  const appId = read(env, 'WECHAT_APP_ID');
  if (appId === undefined) return undefined;
  if (!/^wx[0-9a-f]{16}$/.test(appId))
    throw new ConfigError('WECHAT_APP_ID', 'an AppID like wx0123456789abcdef', appId);
  const messageMode = oneOf(env, 'WECHAT_MESSAGE_MODE', ['plain', 'compatible', 'safe'], 'safe');
  const encodingAESKey = read(env, 'WECHAT_ENCODING_AES_KEY');
  if (
    messageMode !== 'plain' &&
    (encodingAESKey === undefined || !/^[A-Za-z0-9]{43}$/.test(encodingAESKey))
  ) {
    throw new ConfigError(
      'WECHAT_ENCODING_AES_KEY',
      'the 43-character EncodingAESKey of the Official Account',
      encodingAESKey ? '<hidden>' : undefined,
    );
  }
  const token = required(env, 'WECHAT_TOKEN', 'the message token (3–32 letters or digits)');
  if (!/^[A-Za-z0-9]{3,32}$/.test(token))
    throw new ConfigError('WECHAT_TOKEN', '3–32 letters or digits', '<hidden>');
  const mchId = read(env, 'WECHAT_PAY_MCH_ID');
  let pay: WechatPayConfig | undefined;
  if (mchId !== undefined) {
    const apiV3Key = required(env, 'WECHAT_PAY_API_V3_KEY', 'the 32-character APIv3 key');
    if (apiV3Key.length !== 32)
      throw new ConfigError('WECHAT_PAY_API_V3_KEY', 'exactly 32 characters', '<hidden>');
    const publicKeyId = read(env, 'WECHAT_PAY_PUBLIC_KEY_ID');
    pay = {
      mchId,
      merchantSerialNo: required(
        env,
        'WECHAT_PAY_MERCHANT_SERIAL_NO',
        'the serial number of the merchant API certificate',
      ),
      merchantPrivateKeyPem: pem(env, 'WECHAT_PAY_MERCHANT_PRIVATE_KEY', 'PRIVATE KEY'),
      apiV3Key,
      baseUrl:
        url(env, 'WECHAT_PAY_BASE_URL', ['http:', 'https:']) ?? 'https://api.mch.weixin.qq.com',
      publicKeyId,
      publicKeyPem:
        publicKeyId === undefined ? undefined : pem(env, 'WECHAT_PAY_PUBLIC_KEY', 'PUBLIC KEY'),
    };
  }
  return {
    appId,
    appSecret: required(env, 'WECHAT_APP_SECRET', 'the AppSecret of the Official Account'),
    token,
    encodingAESKey,
    messageMode,
    apiBaseUrl: url(env, 'WECHAT_API_BASE_URL', ['http:', 'https:']) ?? 'https://api.weixin.qq.com',
    openBaseUrl:
      url(env, 'WECHAT_OPEN_BASE_URL', ['http:', 'https:']) ?? 'https://open.weixin.qq.com',
    mpBaseUrl:
      url(env, 'WECHAT_MP_BASE_URL', ['http:', 'https:']) ??
      url(env, 'WECHAT_API_BASE_URL', ['http:', 'https:']) ??
      'https://mp.weixin.qq.com',
    jssdkUrl:
      url(env, 'WECHAT_JSSDK_URL', ['http:', 'https:']) ??
      'https://res.wx.qq.com/open/js/jweixin-1.6.0.js',
    pay,
  };
}

function kioskKeys(env: Env): { name: string; key: string }[] {
  const raw = read(env, 'KIOSK_KEYS');
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const [name, key] = entry.trim().split(':');
    if (!name || !key || !/^[A-Za-z0-9_-]{1,32}$/.test(name) || key.length < 32) {
      throw new ConfigError(
        'KIOSK_KEYS',
        'a comma-separated list of name:key, each key at least 32 random characters',
        '<hidden>',
      );
    }
    return { name, key };
  });
}

/** Reads and validates the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['production', 'development', 'test'], 'production');
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = read(env, 'HOST') ?? '0.0.0.0';
  const publicUrl = (
    url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`
  ).replace(/\/+$/, '');

  const secret = read(env, 'SESSION_SECRET');
  if (secret === undefined || secret.length < 32 || /^(change-?me|secret|test)/i.test(secret)) {
    throw new ConfigError(
      'SESSION_SECRET',
      'a random string of at least 32 characters',
      secret ? '<hidden>' : undefined,
    );
  }
  const hashKeyRaw = read(env, 'PII_HASH_KEY');
  if (hashKeyRaw === undefined) {
    throw new ConfigError('PII_HASH_KEY', 'base64 of exactly 32 random bytes', undefined);
  }

  const frameAncestors = (read(env, 'FRAME_ANCESTORS') ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of frameAncestors) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        'FRAME_ANCESTORS',
        'a comma-separated list of origins like https://example.org',
        origin,
      );
    }
  }

  const timeZone = read(env, 'HOSPITAL_TIME_ZONE') ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(
      'HOSPITAL_TIME_ZONE',
      'an IANA time zone such as Asia/Shanghai',
      timeZone,
    );
  }

  return {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    dataDir: read(env, 'DATA_DIR') ?? './data',
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 64 * 1024, 1024, 64 * 1024 * 1024),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    session: {
      secret,
      cookieSecure: boolean(env, 'COOKIE_SECURE', publicUrl.startsWith('https:')),
      idleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      maxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30),
    },
    rateLimit: {
      perIpPerMinute: integer(env, 'RATE_LIMIT_PER_IP_PER_MINUTE', 600, 1, 1_000_000),
      perAccountPerMinute: integer(env, 'RATE_LIMIT_PER_ACCOUNT_PER_MINUTE', 300, 1, 1_000_000),
      signInPerIpPerMinute: integer(env, 'SIGN_IN_RATE_LIMIT_PER_MINUTE', 20, 1, 10_000),
    },
    signIn: {
      maxFailures: integer(env, 'SIGN_IN_MAX_FAILURES', 5, 1, 100),
      windowMinutes: integer(env, 'SIGN_IN_FAILURE_WINDOW_MINUTES', 15, 1, 24 * 60),
      lockMinutes: integer(env, 'SIGN_IN_LOCK_MINUTES', 30, 1, 24 * 60),
    },
    pii: { keys: piiKeys(env), hashKey: base64Key('PII_HASH_KEY', hashKeyRaw, '<hidden>') },
    staticDirs: {
      h5: read(env, 'H5_DIST_DIR') ?? new URL('../../h5/dist', import.meta.url).pathname,
      admin: read(env, 'ADMIN_DIST_DIR') ?? new URL('../../admin/dist', import.meta.url).pathname,
    },
    frameAncestors,
    timeZone,
    demoSeed: boolean(env, 'DEMO_SEED', false),
    instanceId: read(env, 'INSTANCE_ID') ?? `${hostname()}-${process.pid}`,
    wechat: wechatConfig(env),
    notifications: {
      dispatcherEnabled: boolean(env, 'NOTIFY_DISPATCHER_ENABLED', true),
      ratePerSecond: integer(env, 'NOTIFY_RATE_PER_SECOND', 2000, 0, 100_000),
      maxAttempts: integer(env, 'NOTIFY_MAX_ATTEMPTS', 8, 1, 100),
      batchSize: integer(env, 'NOTIFY_BATCH_SIZE', 100, 1, 1000),
      concurrency: integer(env, 'NOTIFY_CONCURRENCY', 16, 1, 512),
      parallelBatches: integer(env, 'NOTIFY_PARALLEL_BATCHES', 4, 1, 32),
      throttleDelaySeconds: integer(env, 'NOTIFY_THROTTLE_DELAY_SECONDS', 600, 1, 86_400),
      pollIntervalMs: integer(env, 'NOTIFY_POLL_INTERVAL_MS', 250, 10, 60_000),
      leaseSeconds: integer(env, 'NOTIFY_LEASE_SECONDS', 60, 1, 3600),
    },
    patients: {
      limit: integer(env, 'PATIENT_LIMIT', 5, 1, 20),
      attemptsPerUserPerHour: integer(
        env,
        'PATIENT_BIND_ATTEMPTS_PER_USER_PER_HOUR',
        20,
        1,
        10_000,
      ),
      attemptsPerIdPerDay: integer(env, 'PATIENT_BIND_ATTEMPTS_PER_ID_PER_DAY', 10, 1, 10_000),
    },
    kiosks: kioskKeys(env),
    scheduler: {
      enabled: boolean(env, 'SCHEDULER_ENABLED', true),
      tickIntervalMs: integer(env, 'SCHEDULER_TICK_INTERVAL_MS', 10_000, 100, 600_000),
    },
  };
}
