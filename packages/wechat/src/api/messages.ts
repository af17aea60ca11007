import type { ApiCaller } from './client';

// Messages the account pushes: template messages (service accounts, any time after a follow),
// subscription messages (one per user consent) and customer-service messages (within 48 h of
// the user's last interaction).

/** Template data: `{ keyword: { value } }` for the template's `{{keyword.DATA}}` placeholders. */
export type TemplateData = Record<string, { value: string; color?: string }>;

/** A mini program page to open instead of (or as well as) a URL. */
export interface MiniProgramLink {
  appid: string;
  pagepath: string;
}

/** A template message to send. */
export interface TemplateMessage {
  /** Recipient OpenID. */
  toUser: string;
  templateId: string;
  /** Page opened on tap. */
  url?: string;
  /** Mini program opened on tap; wins over `url` when both are set and it can open. */
  miniprogram?: MiniProgramLink;
  data: TemplateData;
  /** De-duplication id; WeChat refuses a repeat within a while. */
  clientMsgId?: string;
}

/** A template of the account. */
export interface PrivateTemplate {
  template_id: string;
  title: string;
  primary_industry?: string;
  deputy_industry?: string;
  content: string;
  example?: string;
}

/** Template messages (模板消息). */
export class TemplateMessageApi {
  constructor(private readonly api: ApiCaller) {}

  /** Sends a template message; returns WeChat's msgid (reported later in TEMPLATESENDJOBFINISH). */
  async send(message: TemplateMessage): Promise<string> {
    const r = await this.api.postJson<{ msgid: number | string }>(
      '/cgi-bin/message/template/send',
      {
        touser: message.toUser,
        template_id: message.templateId,
        url: message.url,
        miniprogram: message.miniprogram,
        data: message.data,
        client_msg_id: message.clientMsgId,
      },
    );
    return String(r.msgid);
  }

  /** The account's templates. */
  async list(): Promise<PrivateTemplate[]> {
    const r = await this.api.getJson<{ template_list?: PrivateTemplate[] }>(
      '/cgi-bin/template/get_all_private_template',
    );
    return r.template_list ?? [];
  }
}

/** A subscription message (订阅通知) to send. */
export interface SubscribeMessage {
  toUser: string;
  templateId: string;
  /** Page opened on tap. */
  page?: string;
  miniprogram?: MiniProgramLink;
  data: TemplateData;
}

/** Subscription messages (订阅通知, `bizsend`). */
export class SubscribeMessageApi {
  constructor(private readonly api: ApiCaller) {}

  /** Sends one subscription message. */
  async send(message: SubscribeMessage): Promise<void> {
    await this.api.postJson('/cgi-bin/message/subscribe/bizsend', {
      touser: message.toUser,
      template_id: message.templateId,
      page: message.page,
      miniprogram: message.miniprogram,
      data: message.data,
    });
  }
}

/** A link article of a customer-service news message. */
export interface CustomNewsArticle {
  title: string;
  description?: string;
  url: string;
  picurl?: string;
}

/** Customer-service messages (客服消息). */
export class CustomServiceApi {
  constructor(private readonly api: ApiCaller) {}

  /** Sends text. */
  sendText(toUser: string, content: string): Promise<void> {
    return this.send({ touser: toUser, msgtype: 'text', text: { content } });
  }

  /** Sends an image uploaded as media. */
  sendImage(toUser: string, mediaId: string): Promise<void> {
    return this.send({ touser: toUser, msgtype: 'image', image: { media_id: mediaId } });
  }

  /** Sends a link card (WeChat shows one article). */
  sendNews(toUser: string, articles: CustomNewsArticle[]): Promise<void> {
    return this.send({ touser: toUser, msgtype: 'news', news: { articles } });
  }

  private async send(body: Record<string, unknown>): Promise<void> {
    await this.api.postJson('/cgi-bin/message/custom/send', body);
  }
}
