import type { Config } from './config';
import type { Db } from './db/client';
import type { Clock } from './lib/clock';
import type { PiiCipher } from './lib/pii';
import type { Actor } from './policy';
import type { Logger } from 'pino';
import type { WechatServices } from './modules/wechat/client';
import type { HisGateway } from './his/gateway';

/** What every operation may use: the database, time, the personal-data cipher and settings. */
export interface Deps {
  db: Db;
  clock: Clock;
  pii: PiiCipher;
  config: Config;
  log: Logger;
  /** The Official Account, or undefined until the hospital configures one. */
  wechat: WechatServices | undefined;
  /** The hospital information system. */
  his: HisGateway;
}

/** Who asks, from where: recorded in the audit log by operations that touch personal data. */
export interface RequestMeta {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
}

export const systemMeta: RequestMeta = { actor: { type: 'system' }, ip: null, requestId: null };
