// The sandbox's configuration: the same secrets the server holds, plus where the server listens.
import { createHash, X509Certificate } from 'node:crypto';
import { aesKeyOf } from './crypto/msgcrypt';

/** A template the emulated Official Account owns (as added in the MP console). */
export interface SandboxTemplate {
  templateId: string;
  title: string;
  /** Body with `{{keyword.DATA}}` placeholders, e.g. `就诊人：{{keyword1.DATA}}`. */
  content: string;
}

/** Everything the sandbox needs; JSON-serialisable so the CLI can read it from a file. */
export interface SandboxConfig {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to bind, default 127.0.0.1. */
  host?: string;
  /** The URL browsers use to reach the sandbox, default http://host:port. */
  publicUrl?: string;
  appId: string;
  appSecret: string;
  /** Token configured for the server URL (message signatures). */
  token: string;
  /** 43-character EncodingAESKey (safe mode). */
  encodingAESKey: string;
  messageMode: 'plain' | 'compatible' | 'safe';
  /** The server's message URL, e.g. http://127.0.0.1:3000/wechat/callback. */
  callbackUrl: string;
  templates: SandboxTemplate[];
  /** The Official Account's original id (ToUserName of pushes); derived from appId when absent. */
  originalId?: string;
  /** Display name of the Official Account on the phone page. */
  accountName?: string;
  mchId: string;
  /** Serial number of the merchant's API certificate, expected in the Authorization header. */
  merchantSerialNo: string;
  /** Public key matching the merchant's private key, to verify request signatures. */
  merchantPublicKeyPem: string;
  /** 32 ASCII characters; encrypts notification resources and certificates. */
  apiV3Key: string;
  /** Signs responses and notifications as WeChat Pay's platform. */
  platformPrivateKeyPem: string;
  /** Platform-certificate mode: the certificate of the platform key (serial read from it). */
  platformCertificatePem?: string;
  /** Public-key mode: the id WeChat Pay shows for the platform public key, `PUB_KEY_ID_…`. */
  platformPublicKeyId?: string;
  payMode: 'certificate' | 'publicKey';
  /** Multiplies WeChat's retry intervals and waits: 1 is real time, 0.001 suits tests. */
  timeScale: number;
  /** Wait for one push answer before retrying; default 5 s × timeScale, at least 1 s. */
  replyTimeoutMs?: number;
  /** Where to persist users, messages, menus and orders between restarts. */
  dataFile?: string;
}

/** The configuration with defaults filled in and derived values computed once. */
export interface ResolvedConfig extends SandboxConfig {
  host: string;
  originalId: string;
  accountName: string;
  replyTimeoutMs: number;
  /** Serial that signs responses: the certificate's serial or the public key id. */
  platformSerial: string;
  /** Base URL for browsers; filled in once the port is known. */
  publicUrl: string;
}

/** Checks a configuration and fills in defaults; throws with a readable message when unusable. */
export function resolveConfig(config: SandboxConfig): ResolvedConfig {
  const problems: string[] = [];
  for (const key of ['appId', 'appSecret', 'token', 'callbackUrl', 'mchId'] as const) {
    if (!config[key]) problems.push(`${key} is required`);
  }
  if (config.callbackUrl && !URL.canParse(config.callbackUrl)) {
    problems.push('callbackUrl must be an absolute URL');
  }
  try {
    aesKeyOf(config.encodingAESKey);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (!['plain', 'compatible', 'safe'].includes(config.messageMode)) {
    problems.push('messageMode must be plain, compatible or safe');
  }
  if (Buffer.byteLength(config.apiV3Key ?? '') !== 32) problems.push('apiV3Key must be 32 bytes');
  if (!(config.timeScale > 0)) problems.push('timeScale must be positive');
  let platformSerial = '';
  if (config.payMode === 'certificate') {
    if (!config.platformCertificatePem)
      problems.push('certificate mode needs platformCertificatePem');
    else platformSerial = new X509Certificate(config.platformCertificatePem).serialNumber;
  } else if (config.payMode === 'publicKey') {
    if (!config.platformPublicKeyId) problems.push('publicKey mode needs platformPublicKeyId');
    else platformSerial = config.platformPublicKeyId;
  } else {
    problems.push('payMode must be certificate or publicKey');
  }
  if (problems.length > 0) throw new Error(`Invalid sandbox configuration: ${problems.join('; ')}`);
  const host = config.host ?? '127.0.0.1';
  return {
    ...config,
    host,
    originalId:
      config.originalId ??
      'gh_' + createHash('sha1').update(config.appId).digest('hex').slice(0, 12),
    accountName: config.accountName ?? '掌医（沙箱）',
    replyTimeoutMs: config.replyTimeoutMs ?? Math.max(1000, 5000 * config.timeScale),
    platformSerial,
    publicUrl: (config.publicUrl ?? '').replace(/\/$/, ''),
    templates: config.templates ?? [],
  };
}
