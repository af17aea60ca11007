import { WechatArgumentError } from '../errors';
import { cdata } from './xml';

// Passive replies: the XML body of the HTTP answer to a callback. WeChat expects the reply's
// ToUserName to be the sender and FromUserName the account, i.e. the inbound pair swapped.

/** The plain answer that means "received, no reply" (an empty body works too). */
export const SUCCESS_REPLY = 'success';

/** One article of a news reply. */
export interface NewsArticle {
  title: string;
  description?: string;
  /** Cover image URL. */
  picUrl?: string;
  /** Where a tap leads. */
  url?: string;
}

/** The content of a passive reply. */
export type Reply =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | {
      type: 'music';
      title?: string;
      description?: string;
      musicUrl?: string;
      hqMusicUrl?: string;
      thumbMediaId: string;
    }
  | { type: 'news'; articles: NewsArticle[] }
  /** Hand the conversation to customer service, optionally to one agent (`kfAccount`). */
  | { type: 'transfer_customer_service'; kfAccount?: string };

/** Addressing of a reply. */
export interface ReplyEnvelope {
  /** The user's OpenID (the inbound FromUserName). */
  toUserName: string;
  /** The account's original id (the inbound ToUserName). */
  fromUserName: string;
  /** Seconds since the epoch. */
  createTime: number;
}

/** Builds the XML of a passive reply. */
export function buildReplyXml(envelope: ReplyEnvelope, reply: Reply): string {
  const head =
    `<xml><ToUserName>${cdata(envelope.toUserName)}</ToUserName>` +
    `<FromUserName>${cdata(envelope.fromUserName)}</FromUserName>` +
    `<CreateTime>${Math.floor(envelope.createTime)}</CreateTime>` +
    `<MsgType>${cdata(reply.type)}</MsgType>`;
  return head + replyBody(reply) + '</xml>';
}

/** Builds a reply to an inbound message (addresses swapped), stamped `createTime` seconds. */
export function replyTo(
  inbound: { fromUserName: string; toUserName: string },
  reply: Reply,
  createTime: number,
): string {
  return buildReplyXml(
    { toUserName: inbound.fromUserName, fromUserName: inbound.toUserName, createTime },
    reply,
  );
}

function replyBody(reply: Reply): string {
  switch (reply.type) {
    case 'text':
      return `<Content>${cdata(reply.content)}</Content>`;
    case 'image':
      return `<Image><MediaId>${cdata(reply.mediaId)}</MediaId></Image>`;
    case 'voice':
      return `<Voice><MediaId>${cdata(reply.mediaId)}</MediaId></Voice>`;
    case 'video':
      return (
        `<Video><MediaId>${cdata(reply.mediaId)}</MediaId>` +
        optional('Title', reply.title) +
        optional('Description', reply.description) +
        '</Video>'
      );
    case 'music':
      return (
        '<Music>' +
        optional('Title', reply.title) +
        optional('Description', reply.description) +
        optional('MusicUrl', reply.musicUrl) +
        optional('HQMusicUrl', reply.hqMusicUrl) +
        `<ThumbMediaId>${cdata(reply.thumbMediaId)}</ThumbMediaId></Music>`
      );
    case 'news': {
      const n = reply.articles.length;
      if (n < 1 || n > 8) {
        throw new WechatArgumentError(`a news reply carries 1 to 8 articles, not ${n}`);
      }
      let items = '';
      for (const a of reply.articles) {
        items +=
          `<item><Title>${cdata(a.title)}</Title>` +
          optional('Description', a.description) +
          optional('PicUrl', a.picUrl) +
          optional('Url', a.url) +
          '</item>';
      }
      return `<ArticleCount>${n}</ArticleCount><Articles>${items}</Articles>`;
    }
    case 'transfer_customer_service':
      return reply.kfAccount === undefined
        ? ''
        : `<TransInfo><KfAccount>${cdata(reply.kfAccount)}</KfAccount></TransInfo>`;
  }
}

function optional(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${cdata(value)}</${name}>`;
}
