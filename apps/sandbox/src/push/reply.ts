// Reads the server's passive reply the way WeChat does: empty or "success" means none; otherwise
// XML (encrypted in safe mode) addressed back to the user, of a known message type.
import type { ResolvedConfig } from '../config';
import { decryptMessage, sha1Sorted } from '../crypto/msgcrypt';
import { parseXml, text, type XmlObject, type XmlValue } from '../crypto/xml';
import type { Article, ChatMessage } from '../store';

/** A reply ready to store as a chat message. */
export type ReplyMessage = Omit<ChatMessage, 'id' | 'openid' | 'at' | 'kind'>;

/** Thrown when the reply would make WeChat show "该公众号暂时无法提供服务". */
export class ReplyError extends Error {}

/** Parses a passive reply body; null when the server chose not to reply. */
export function parseReply(
  config: ResolvedConfig,
  body: string,
  openid: string,
): ReplyMessage | null {
  const trimmed = body.trim();
  if (trimmed === '' || trimmed === 'success') return null;
  let xml = parseXmlOrThrow(trimmed);
  const encrypted = text(xml, 'Encrypt');
  if (encrypted) {
    if (config.messageMode === 'plain') throw new ReplyError('encrypted reply in plaintext mode');
    const expected = sha1Sorted([
      config.token,
      text(xml, 'TimeStamp'),
      text(xml, 'Nonce'),
      encrypted,
    ]);
    if (text(xml, 'MsgSignature') !== expected) {
      throw new ReplyError('reply MsgSignature does not match');
    }
    try {
      xml = parseXmlOrThrow(decryptMessage(config.encodingAESKey, config.appId, encrypted));
    } catch (e) {
      throw new ReplyError(`reply cannot be decrypted: ${(e as Error).message}`);
    }
  } else if (config.messageMode === 'safe') {
    throw new ReplyError('safe mode requires an encrypted reply');
  }
  if (text(xml, 'ToUserName') !== openid) {
    throw new ReplyError(`reply ToUserName ${text(xml, 'ToUserName')} is not the user ${openid}`);
  }
  if (text(xml, 'FromUserName') !== config.originalId) {
    throw new ReplyError(`reply FromUserName must be the account's original id`);
  }
  if (!/^\d+$/.test(text(xml, 'CreateTime'))) throw new ReplyError('reply CreateTime missing');
  return toMessage(xml);
}

function parseXmlOrThrow(body: string): XmlObject {
  try {
    return parseXml(body);
  } catch (e) {
    throw new ReplyError(`reply is not valid XML: ${(e as Error).message}`);
  }
}

function child(xml: XmlObject, name: string): XmlObject {
  const v = xml[name];
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function toMessage(xml: XmlObject): ReplyMessage {
  const msgType = text(xml, 'MsgType');
  switch (msgType) {
    case 'text': {
      const content = text(xml, 'Content');
      if (!content) throw new ReplyError('text reply without Content');
      return { msgType, content };
    }
    case 'image':
    case 'voice': {
      const mediaId = text(child(xml, msgType === 'image' ? 'Image' : 'Voice'), 'MediaId');
      if (!mediaId) throw new ReplyError(`${msgType} reply without MediaId`);
      return { msgType, mediaId };
    }
    case 'video': {
      const v = child(xml, 'Video');
      return {
        msgType,
        mediaId: text(v, 'MediaId'),
        title: text(v, 'Title'),
        description: text(v, 'Description'),
      };
    }
    case 'music': {
      const m = child(xml, 'Music');
      return {
        msgType,
        title: text(m, 'Title'),
        description: text(m, 'Description'),
        url: text(m, 'MusicUrl'),
      };
    }
    case 'news': {
      const raw: XmlValue = child(xml, 'Articles').item ?? [];
      const items = (Array.isArray(raw) ? raw : [raw]).filter(
        (i): i is XmlObject => typeof i === 'object' && !Array.isArray(i),
      );
      const count = Number(text(xml, 'ArticleCount'));
      if (items.length === 0 || items.length > 8 || count !== items.length) {
        throw new ReplyError('news reply needs ArticleCount equal to its 1–8 items');
      }
      const articles: Article[] = items.map((i) => ({
        title: text(i, 'Title'),
        description: text(i, 'Description'),
        picUrl: text(i, 'PicUrl'),
        url: text(i, 'Url'),
      }));
      return { msgType, articles };
    }
    case 'transfer_customer_service':
      return { msgType, content: '（已转接人工客服）' };
    default:
      throw new ReplyError(`unknown reply MsgType ${msgType}`);
  }
}
