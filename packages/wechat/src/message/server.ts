import { nowSeconds, randomDigits, systemClock, type Clock } from '../core';
import { MessageFormatError, WechatArgumentError } from '../errors';
import { MessageCipher } from './crypto';
import { toInboundMessage, type InboundMessage } from './inbound';
import { SUCCESS_REPLY } from './reply';
import { assertSignature, assertTimestampInWindow, msgSignature, urlSignature } from './signature';
import { cdata, parseXml, xmlText, type XmlLimits } from './xml';

/**
 * `plain`: messages arrive in clear; `compatible`: both forms are accepted; `safe`: only
 * encrypted messages are accepted (the account's 安全模式).
 */
export type MessageMode = 'plain' | 'compatible' | 'safe';

/** Options of a MessageServer. */
export interface MessageServerOptions {
  /** The Token configured on the Official Account's server settings page. */
  token: string;
  /** The account's AppID; decrypted messages must carry it. */
  appId: string;
  /** The 43-character EncodingAESKey; required for `compatible` and `safe`. */
  encodingAESKey?: string;
  /** Default: `safe` when an EncodingAESKey is given, `plain` otherwise. */
  mode?: MessageMode;
  /** Largest accepted distance between a callback's timestamp and now. Default 300; 0 disables. */
  timestampWindowSeconds?: number;
  /** Source of "now"; default the system clock. */
  clock?: Clock;
  /** Limits for the XML codec (size, depth). */
  xmlLimits?: XmlLimits;
}

/** The query string of a callback request, as WeChat sends it. */
export interface CallbackQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  /** `aes` when the body is encrypted. */
  encrypt_type?: string;
  msg_signature?: string;
}

/** A verified, decrypted and parsed callback. */
export interface InboundRequest {
  message: InboundMessage;
  /** The message arrived encrypted, so `reply` encrypts the answer. */
  encrypted: boolean;
}

/** Verifies, decrypts and parses WeChat callbacks, and encrypts the replies. */
export class MessageServer {
  private readonly token: string;
  private readonly cipher: MessageCipher | undefined;
  private readonly mode: MessageMode;
  private readonly windowSeconds: number;
  private readonly clock: Clock;
  private readonly xmlLimits: XmlLimits;

  constructor(options: MessageServerOptions) {
    this.token = options.token;
    this.cipher =
      options.encodingAESKey === undefined
        ? undefined
        : new MessageCipher(options.encodingAESKey, options.appId);
    this.mode = options.mode ?? (this.cipher ? 'safe' : 'plain');
    if (this.mode !== 'plain' && !this.cipher) {
      throw new WechatArgumentError(`mode ${this.mode} needs an EncodingAESKey`);
    }
    this.windowSeconds = options.timestampWindowSeconds ?? 300;
    this.clock = options.clock ?? systemClock;
    this.xmlLimits = options.xmlLimits ?? {};
  }

  /** Answers the URL verification GET: returns `echostr` when the signature is valid, else throws. */
  verifyUrl(query: CallbackQuery): string {
    const { timestamp = '', nonce = '' } = query;
    assertSignature(urlSignature(this.token, timestamp, nonce), query.signature);
    assertTimestampInWindow(timestamp, nowSeconds(this.clock), this.windowSeconds);
    if (query.echostr === undefined) throw new MessageFormatError('query has no echostr');
    return query.echostr;
  }

  /** The WeCom form of verification: `echostr` is encrypted and signed with `msg_signature`. */
  verifyEncryptedUrl(query: CallbackQuery): string {
    const { timestamp = '', nonce = '', echostr } = query;
    if (echostr === undefined) throw new MessageFormatError('query has no echostr');
    assertSignature(msgSignature(this.token, timestamp, nonce, echostr), query.msg_signature);
    assertTimestampInWindow(timestamp, nowSeconds(this.clock), this.windowSeconds);
    return this.requireCipher().decrypt(echostr).message;
  }

  /** Verifies and parses a callback POST (body as received, string or bytes). */
  parse(query: CallbackQuery, body: string | Uint8Array): InboundRequest {
    const { timestamp = '', nonce = '' } = query;
    const encrypted = query.encrypt_type === 'aes';
    if (!encrypted) {
      if (this.mode === 'safe') {
        throw new MessageFormatError('plaintext callback refused: the account is in safe mode');
      }
      assertSignature(urlSignature(this.token, timestamp, nonce), query.signature);
      assertTimestampInWindow(timestamp, nowSeconds(this.clock), this.windowSeconds);
      const message = toInboundMessage(parseXml(body, this.xmlLimits));
      return { message, encrypted: false };
    }
    const cipher = this.requireCipher();
    const outer = parseXml(body, this.xmlLimits);
    const encrypt = xmlText(outer.root, 'Encrypt');
    if (encrypt === undefined) throw new MessageFormatError('encrypted callback has no Encrypt');
    assertSignature(msgSignature(this.token, timestamp, nonce, encrypt), query.msg_signature);
    assertTimestampInWindow(timestamp, nowSeconds(this.clock), this.windowSeconds);
    const inner = cipher.decrypt(encrypt).message;
    return { message: toInboundMessage(parseXml(inner, this.xmlLimits)), encrypted: true };
  }

  /**
   * The HTTP body answering `request`: the reply XML, encrypted when the request was. An empty
   * string or `success` (no reply) is passed through, as WeChat accepts it in every mode.
   */
  reply(request: Pick<InboundRequest, 'encrypted'>, replyXml: string): string {
    if (!request.encrypted || replyXml === '' || replyXml === SUCCESS_REPLY) return replyXml;
    return this.encryptReply(replyXml);
  }

  /** Wraps reply XML in the encrypted envelope with a fresh nonce and timestamp (or given ones). */
  encryptReply(replyXml: string, stamp: { timestamp?: string; nonce?: string } = {}): string {
    const timestamp = stamp.timestamp ?? String(nowSeconds(this.clock));
    const nonce = stamp.nonce ?? randomDigits(10);
    if (!/^\d+$/.test(timestamp)) throw new WechatArgumentError('timestamp must be digits');
    const encrypt = this.requireCipher().encrypt(replyXml);
    const signature = msgSignature(this.token, timestamp, nonce, encrypt);
    return (
      `<xml><Encrypt>${cdata(encrypt)}</Encrypt>` +
      `<MsgSignature>${cdata(signature)}</MsgSignature>` +
      `<TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`
    );
  }

  private requireCipher(): MessageCipher {
    if (!this.cipher) {
      throw new MessageFormatError('encrypted callback, but no EncodingAESKey is configured');
    }
    return this.cipher;
  }
}
