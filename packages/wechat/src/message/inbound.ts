import { MessageFormatError } from '../errors';
import { xmlChild, xmlList, xmlText, type XmlDocument, type XmlObject } from './xml';

// Typed inbound messages and events. `kind` discriminates the ordinary messages and `event`; event
// variants are further discriminated by `event`. Anything this library does not know (a new
// MsgType or Event) arrives as `kind: 'unknown'` with its raw fields, never as an error.

/** Fields every inbound message carries. */
export interface InboundBase {
  /** The Official Account's original id (gh_…). */
  toUserName: string;
  /** The sender's OpenID. */
  fromUserName: string;
  /** Seconds since the epoch, as sent by WeChat. */
  createTime: number;
  /** The raw `MsgType`. */
  msgType: string;
  /** Every field of the message as parsed, for anything the typed view leaves out. */
  raw: XmlObject;
}

/** Ordinary (non-event) messages carry a 64-bit id, kept as a string to stay exact. */
interface WithMsgId {
  /** `MsgId`: exceeds 2^53, so it is a decimal string. */
  msgId: string;
}

export interface TextMessage extends InboundBase, WithMsgId {
  kind: 'text';
  content: string;
}

export interface ImageMessage extends InboundBase, WithMsgId {
  kind: 'image';
  picUrl: string;
  mediaId: string;
}

export interface VoiceMessage extends InboundBase, WithMsgId {
  kind: 'voice';
  mediaId: string;
  /** Audio format, e.g. `amr` or `speex`. */
  format: string;
  /** Speech recognition result, when enabled for the account. */
  recognition?: string;
}

export interface VideoMessage extends InboundBase, WithMsgId {
  kind: 'video' | 'shortvideo';
  mediaId: string;
  thumbMediaId: string;
}

export interface LocationMessage extends InboundBase, WithMsgId {
  kind: 'location';
  /** Latitude (`Location_X`). */
  latitude: number;
  /** Longitude (`Location_Y`). */
  longitude: number;
  /** Map zoom level. */
  scale: number;
  label: string;
}

export interface LinkMessage extends InboundBase, WithMsgId {
  kind: 'link';
  title: string;
  description: string;
  url: string;
}

export interface FileMessage extends InboundBase, WithMsgId {
  kind: 'file';
  title: string;
  description: string;
  fileKey: string;
  fileMd5: string;
  /** Size in bytes. */
  fileTotalLen: number;
}

interface EventBase extends InboundBase {
  kind: 'event';
}

/** Follow; from a parametric QR code, `sceneKey` is the scene without the `qrscene_` prefix. */
export interface SubscribeEvent extends EventBase {
  event: 'subscribe';
  eventKey?: string;
  sceneKey?: string;
  ticket?: string;
}

export interface UnsubscribeEvent extends EventBase {
  event: 'unsubscribe';
}

/** An existing follower scanned a parametric QR code; `sceneKey` is the scene. */
export interface ScanEvent extends EventBase {
  event: 'SCAN';
  sceneKey: string;
  ticket?: string;
}

export interface LocationEvent extends EventBase {
  event: 'LOCATION';
  latitude: number;
  longitude: number;
  precision: number;
}

/** Menu click (`eventKey` = the button key) or link (`eventKey` = URL / mini-program page). */
export interface MenuEvent extends EventBase {
  event: 'CLICK' | 'VIEW' | 'view_miniprogram';
  eventKey: string;
  menuId?: string;
}

export interface ScanCodeEvent extends EventBase {
  event: 'scancode_push' | 'scancode_waitmsg';
  eventKey: string;
  scanType: string;
  scanResult: string;
}

export interface PicEvent extends EventBase {
  event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin';
  eventKey: string;
  count: number;
  picMd5Sums: string[];
}

export interface LocationSelectEvent extends EventBase {
  event: 'location_select';
  eventKey: string;
  latitude: number;
  longitude: number;
  scale: number;
  label: string;
  poiname?: string;
}

/** The outcome of a template message, reported later. */
export interface TemplateSendJobFinishEvent extends EventBase {
  event: 'TEMPLATESENDJOBFINISH';
  /** `MsgID` of the template message (as returned by the send call), as a string. */
  msgId: string;
  /** `success`, `failed:user block` or `failed: system failed`. */
  status: string;
}

/** The user's answers in a subscription-message pop-up. */
export interface SubscribeMsgPopupEvent extends EventBase {
  event: 'subscribe_msg_popup_event';
  items: Array<{ templateId: string; subscribeStatus: string; popupScene: string }>;
}

export type InboundEvent =
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | MenuEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent
  | TemplateSendJobFinishEvent
  | SubscribeMsgPopupEvent;

/** A message type or event this library does not model; see `raw`. */
export interface UnknownInbound extends InboundBase {
  kind: 'unknown';
  /** The `Event` field, when `msgType` is `event`. */
  event?: string;
}

export type InboundMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | FileMessage
  | InboundEvent
  | UnknownInbound;

/** Turns a parsed `<xml>` document into a typed inbound message. */
export function toInboundMessage(doc: XmlDocument): InboundMessage {
  if (doc.name !== 'xml') throw new MessageFormatError(`root element is <${doc.name}>, not <xml>`);
  const raw = doc.root;
  const base: InboundBase = {
    toUserName: required(raw, 'ToUserName'),
    fromUserName: required(raw, 'FromUserName'),
    createTime: int(required(raw, 'CreateTime'), 'CreateTime'),
    msgType: required(raw, 'MsgType').trim(),
    raw,
  };
  const msgId = text(raw, 'MsgId');
  switch (base.msgType) {
    case 'text':
      return { ...base, kind: 'text', msgId, content: text(raw, 'Content') };
    case 'image':
      return {
        ...base,
        kind: 'image',
        msgId,
        picUrl: text(raw, 'PicUrl'),
        mediaId: text(raw, 'MediaId'),
      };
    case 'voice': {
      const recognition = xmlText(raw, 'Recognition');
      return {
        ...base,
        kind: 'voice',
        msgId,
        mediaId: text(raw, 'MediaId'),
        format: text(raw, 'Format'),
        ...(recognition !== undefined ? { recognition } : {}),
      };
    }
    case 'video':
    case 'shortvideo':
      return {
        ...base,
        kind: base.msgType,
        msgId,
        mediaId: text(raw, 'MediaId'),
        thumbMediaId: text(raw, 'ThumbMediaId'),
      };
    case 'location':
      return {
        ...base,
        kind: 'location',
        msgId,
        latitude: num(text(raw, 'Location_X')),
        longitude: num(text(raw, 'Location_Y')),
        scale: num(text(raw, 'Scale')),
        label: text(raw, 'Label'),
      };
    case 'link':
      return {
        ...base,
        kind: 'link',
        msgId,
        title: text(raw, 'Title'),
        description: text(raw, 'Description'),
        url: text(raw, 'Url'),
      };
    case 'file':
      return {
        ...base,
        kind: 'file',
        msgId,
        title: text(raw, 'Title'),
        description: text(raw, 'Description'),
        fileKey: text(raw, 'FileKey'),
        fileMd5: text(raw, 'FileMd5'),
        fileTotalLen: num(text(raw, 'FileTotalLen')),
      };
    case 'event':
      return toEvent(base, raw);
    default:
      return { ...base, kind: 'unknown' };
  }
}

function toEvent(base: InboundBase, raw: XmlObject): InboundMessage {
  const event = (xmlText(raw, 'Event') ?? '').trim();
  const e = { ...base, kind: 'event' as const };
  const eventKey = xmlText(raw, 'EventKey');
  const ticket = xmlText(raw, 'Ticket');
  switch (event) {
    case 'subscribe':
      return {
        ...e,
        event,
        ...optional('eventKey', eventKey),
        ...optional(
          'sceneKey',
          eventKey?.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : undefined,
        ),
        ...optional('ticket', ticket),
      };
    case 'unsubscribe':
      return { ...e, event };
    case 'SCAN':
      return { ...e, event, sceneKey: eventKey ?? '', ...optional('ticket', ticket) };
    case 'LOCATION':
      return {
        ...e,
        event,
        latitude: num(text(raw, 'Latitude')),
        longitude: num(text(raw, 'Longitude')),
        precision: num(text(raw, 'Precision')),
      };
    case 'CLICK':
    case 'VIEW':
    case 'view_miniprogram':
      return {
        ...e,
        event,
        eventKey: eventKey ?? '',
        ...optional('menuId', xmlText(raw, 'MenuId')),
      };
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const info = xmlChild(raw, 'ScanCodeInfo');
      return {
        ...e,
        event,
        eventKey: eventKey ?? '',
        scanType: (info && xmlText(info, 'ScanType')) ?? '',
        scanResult: (info && xmlText(info, 'ScanResult')) ?? '',
      };
    }
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const info = xmlChild(raw, 'SendPicsInfo');
      const list = info ? xmlChild(info, 'PicList') : undefined;
      const items = list ? xmlList(list, 'item') : [];
      const picMd5Sums = items.flatMap((item) => {
        const sum = typeof item === 'object' ? xmlText(item, 'PicMd5Sum') : undefined;
        return sum === undefined ? [] : [sum];
      });
      return {
        ...e,
        event,
        eventKey: eventKey ?? '',
        count: info ? num(xmlText(info, 'Count') ?? String(picMd5Sums.length)) : 0,
        picMd5Sums,
      };
    }
    case 'location_select': {
      const info = xmlChild(raw, 'SendLocationInfo');
      const f = info ?? EMPTY;
      return {
        ...e,
        event,
        eventKey: eventKey ?? '',
        latitude: num(text(f, 'Location_X')),
        longitude: num(text(f, 'Location_Y')),
        scale: num(text(f, 'Scale')),
        label: text(f, 'Label'),
        ...optional('poiname', info && xmlText(info, 'Poiname')),
      };
    }
    case 'TEMPLATESENDJOBFINISH':
      return {
        ...e,
        event,
        msgId: text(raw, 'MsgID') || text(raw, 'MsgId'),
        status: text(raw, 'Status'),
      };
    case 'subscribe_msg_popup_event': {
      const popup = xmlChild(raw, 'SubscribeMsgPopupEvent');
      const items = (popup ? xmlList(popup, 'List') : []).flatMap((item) =>
        typeof item === 'object'
          ? [
              {
                templateId: xmlText(item, 'TemplateId') ?? '',
                subscribeStatus: xmlText(item, 'SubscribeStatusString') ?? '',
                popupScene: xmlText(item, 'PopupScene') ?? '',
              },
            ]
          : [],
      );
      return { ...e, event, items };
    }
    default:
      return { ...base, kind: 'unknown', event };
  }
}

const EMPTY: XmlObject = Object.freeze(Object.create(null) as XmlObject);

function text(raw: XmlObject, name: string): string {
  return xmlText(raw, name) ?? '';
}

/** `{ [key]: value }` when value is a non-empty string, else `{}` (for optional fields). */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  if (value === undefined || value === '') return {};
  return { [key]: value } as Partial<Record<K, string>>;
}

function required(raw: XmlObject, name: string): string {
  const v = xmlText(raw, name);
  if (v === undefined) throw new MessageFormatError(`message has no ${name}`);
  return v;
}

function int(value: string, name: string): number {
  const v = value.trim();
  if (!/^\d{1,15}$/.test(v)) throw new MessageFormatError(`${name} is not an integer`);
  return Number(v);
}

// Coordinates and sizes are informative; an unparsable one becomes NaN rather than a refusal.
function num(value: string): number {
  const v = value.trim();
  return v === '' ? NaN : Number(v);
}
