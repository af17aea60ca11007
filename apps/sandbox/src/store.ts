// Everything the emulated WeChat remembers, in memory, optionally mirrored to a JSON file so a
// demo restart keeps its users, chats, menus and orders.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A person holding a simulated phone. */
export interface SimUser {
  openid: string;
  nickname: string;
  headimgurl: string;
  sex: number;
  subscribed: boolean;
  /** Seconds since the epoch, as WeChat reports it. */
  subscribeTime?: number;
  subscribeScene?: string;
  qrScene?: number;
  qrSceneStr?: string;
  /** Last time the user messaged or tapped the account (ms); opens the 48 h service window. */
  lastInteractionAt?: number;
  /** Has granted snsapi_userinfo once, so the consent screen is not shown again. */
  userinfoGranted?: boolean;
  /** CreateTime of the last event pushed for this user, kept strictly increasing. */
  lastEventTime?: number;
  createdAt: number;
}

/** One article of a news message. */
export interface Article {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}

/** A message in a user's chat with the account, in either direction. */
export interface ChatMessage {
  id: number;
  openid: string;
  /** Milliseconds since the epoch (sandbox clock). */
  at: number;
  /** user: sent by the user; passive/custom/template: sent by the account; system: notices. */
  kind: 'user' | 'passive' | 'custom' | 'template' | 'system';
  msgType: string;
  content?: string;
  mediaId?: string;
  picUrl?: string;
  title?: string;
  description?: string;
  url?: string;
  articles?: Article[];
  location?: { x: number; y: number; scale: number; label: string };
  template?: {
    templateId: string;
    title: string;
    data: Record<string, { value: string; color?: string }>;
    msgid: number;
    miniprogram?: { appid: string; pagepath?: string };
  };
}

/** An access token handed out by /cgi-bin/token or /cgi-bin/stable_token. */
export interface AccessToken {
  token: string;
  kind: 'token' | 'stable';
  expiresAt: number;
  /** Superseded by a newer token (answers 40001 once its grace period ends, not 42001). */
  replaced?: boolean;
}

/** A parametric QR code created by the server. */
export interface QrCode {
  ticket: string;
  actionName: 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE';
  sceneId?: number;
  sceneStr?: string;
  /** Content encoded in the QR image. */
  url: string;
  expiresAt?: number;
  createdAt: number;
}

/** An uploaded temporary media file. */
export interface Media {
  mediaId: string;
  type: string;
  contentType: string;
  filename: string;
  dataBase64: string;
  createdAt: number;
}

/** A WeChat Pay JSAPI order. */
export interface PayOrder {
  prepayId: string;
  outTradeNo: string;
  transactionId?: string;
  appid: string;
  mchid: string;
  description: string;
  notifyUrl: string;
  attach?: string;
  total: number;
  currency: string;
  payerOpenid: string;
  tradeState: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';
  timeExpire?: string;
  successTime?: string;
  createdAt: number;
  /** Refunded so far, in fen. */
  refunded: number;
}

/** A refund of a paid order. */
export interface PayRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refund: number;
  total: number;
  currency: string;
  reason?: string;
  notifyUrl?: string;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  createTime: string;
  successTime?: string;
  createdAt: number;
}

/** A web-authorization code handed to redirect_uri. */
export interface OAuthCode {
  code: string;
  openid: string;
  scope: 'snsapi_base' | 'snsapi_userinfo';
  expiresAt: number;
  used: boolean;
}

/** A web-authorization access token (/sns/oauth2/access_token). */
export interface SnsToken {
  accessToken: string;
  refreshToken: string;
  openid: string;
  scope: OAuthCode['scope'];
  expiresAt: number;
  refreshExpiresAt: number;
}

/** What is persisted; tokens and codes included so a restarted sandbox keeps serving the server. */
export interface StoreData {
  users: SimUser[];
  messages: ChatMessage[];
  tokens: AccessToken[];
  oauthCodes: OAuthCode[];
  snsTokens: SnsToken[];
  menu: unknown | null;
  /** Personalised menus (addconditional), newest last. */
  conditionalMenus: { menuid: string; button: unknown[]; matchrule: Record<string, string> }[];
  qrcodes: QrCode[];
  media: Media[];
  orders: PayOrder[];
  refunds: PayRefund[];
  /** Current JS-SDK ticket last; earlier ones kept while still valid. */
  jsapiTickets: { ticket: string; expiresAt: number }[];
  nextMessageId: number;
  nextMsgId: string;
  tokenCalls: { day: string; count: number; forceRefresh: number };
}

function empty(): StoreData {
  return {
    users: [],
    messages: [],
    tokens: [],
    oauthCodes: [],
    snsTokens: [],
    menu: null,
    conditionalMenus: [],
    qrcodes: [],
    media: [],
    orders: [],
    refunds: [],
    jsapiTickets: [],
    nextMessageId: 1,
    // MsgIds are 64-bit numbers in real pushes; keep them large and increasing.
    nextMsgId: String(24_000_000_000_000_000n + BigInt(randomBytes(4).readUInt32BE())),
    tokenCalls: { day: '', count: 0, forceRefresh: 0 },
  };
}

/** The sandbox's memory, with debounced persistence to `dataFile` when given. */
export class Store {
  data: StoreData;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly file?: string) {
    this.data = empty();
    if (file) {
      try {
        this.data = { ...empty(), ...(JSON.parse(readFileSync(file, 'utf8')) as StoreData) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }

  /** Marks the data changed; it is written within a moment. */
  changed(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => this.flush(), 200);
  }

  /** Writes pending changes now (atomically, through a temporary file). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file + '.tmp', JSON.stringify(this.data));
    renameSync(this.file + '.tmp', this.file);
  }

  /** Forgets everything (tests, or the phone page's reset). */
  reset(): void {
    this.data = empty();
    this.changed();
  }

  /** The simulated user with this OpenID. */
  user(openid: string): SimUser | undefined {
    return this.data.users.find((u) => u.openid === openid);
  }

  /** Appends a chat message and returns it with its id. */
  addMessage(message: Omit<ChatMessage, 'id'>): ChatMessage {
    const stored = { ...message, id: this.data.nextMessageId++ } as ChatMessage;
    this.data.messages.push(stored);
    this.changed();
    return stored;
  }

  /** A fresh 64-bit message id as WeChat numbers them. */
  nextMsgId(): string {
    const id = BigInt(this.data.nextMsgId) + 1n;
    this.data.nextMsgId = String(id);
    return String(id);
  }
}
