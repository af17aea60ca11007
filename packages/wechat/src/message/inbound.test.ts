import { describe, expect, it } from 'vitest';
import { MessageFormatError } from '../errors';
import { toInboundMessage, type InboundMessage } from './inbound';
import { parseXml } from './xml';

const head = (type: string) =>
  '<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><FromUserName><![CDATA[o_user]]></FromUserName>' +
  `<CreateTime>1700000000</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;
const event = (name: string, rest = '') =>
  parse(`${head('event')}<Event><![CDATA[${name}]]></Event>${rest}</xml>`);
function parse(xml: string): InboundMessage {
  return toInboundMessage(parseXml(xml));
}

describe('inbound messages', () => {
  it('types a text message and keeps the 64-bit MsgId exact', () => {
    const m = parse(
      `${head('text')}<Content><![CDATA[挂号]]></Content><MsgId>6054768590064713728</MsgId></xml>`,
    );
    expect(m).toMatchObject({
      kind: 'text',
      toUserName: 'gh_abc',
      fromUserName: 'o_user',
      createTime: 1700000000,
      content: '挂号',
      msgId: '6054768590064713728',
    });
  });

  it('types image, voice with Recognition, video, shortvideo, location, link and file', () => {
    expect(
      parse(`${head('image')}<PicUrl>http://p</PicUrl><MediaId>m1</MediaId><MsgId>1</MsgId></xml>`),
    ).toMatchObject({ kind: 'image', picUrl: 'http://p', mediaId: 'm1', msgId: '1' });
    expect(
      parse(
        `${head('voice')}<MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[腾讯]]></Recognition><MsgId>2</MsgId></xml>`,
      ),
    ).toMatchObject({ kind: 'voice', format: 'amr', recognition: '腾讯' });
    expect(
      parse(`${head('voice')}<MediaId>m</MediaId><Format>amr</Format><MsgId>2</MsgId></xml>`),
    ).not.toHaveProperty('recognition');
    expect(
      parse(
        `${head('video')}<MediaId>v</MediaId><ThumbMediaId>t</ThumbMediaId><MsgId>3</MsgId></xml>`,
      ),
    ).toMatchObject({ kind: 'video', mediaId: 'v', thumbMediaId: 't' });
    expect(
      parse(
        `${head('shortvideo')}<MediaId>v</MediaId><ThumbMediaId>t</ThumbMediaId><MsgId>3</MsgId></xml>`,
      ),
    ).toMatchObject({ kind: 'shortvideo' });
    expect(
      parse(
        `${head('location')}<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置]]></Label><MsgId>4</MsgId></xml>`,
      ),
    ).toMatchObject({
      kind: 'location',
      latitude: 23.134521,
      longitude: 113.358803,
      scale: 20,
      label: '位置',
    });
    expect(
      parse(
        `${head('link')}<Title>t</Title><Description>d</Description><Url>http://u</Url><MsgId>5</MsgId></xml>`,
      ),
    ).toMatchObject({ kind: 'link', title: 't', description: 'd', url: 'http://u' });
    expect(
      parse(
        `${head('file')}<Title>a.pdf</Title><Description>d</Description><FileKey>k</FileKey><FileMd5>md5</FileMd5><FileTotalLen>1024</FileTotalLen><MsgId>6</MsgId></xml>`,
      ),
    ).toMatchObject({ kind: 'file', fileKey: 'k', fileMd5: 'md5', fileTotalLen: 1024 });
  });

  it('passes an unknown MsgType through as kind unknown with its raw fields', () => {
    const m = parse(`${head('miniprogrampage')}<Title>t</Title></xml>`);
    expect(m).toMatchObject({ kind: 'unknown', msgType: 'miniprogrampage' });
    expect(m.raw['Title']).toBe('t');
  });

  it('refuses a document that is not a WeChat message', () => {
    expect(() => parse('<root><A>1</A></root>')).toThrow(MessageFormatError);
    expect(() => parse('<xml><MsgType>text</MsgType></xml>')).toThrow(MessageFormatError);
    expect(() => parse(`${head('text').replace('1700000000', 'soon')}</xml>`)).toThrow(
      MessageFormatError,
    );
  });
});

describe('inbound events', () => {
  it('reads a follow through a parametric QR code: qrscene_ key, scene and Ticket', () => {
    expect(
      event(
        'subscribe',
        '<EventKey><![CDATA[qrscene_dept_42]]></EventKey><Ticket><![CDATA[TK]]></Ticket>',
      ),
    ).toMatchObject({
      kind: 'event',
      event: 'subscribe',
      eventKey: 'qrscene_dept_42',
      sceneKey: 'dept_42',
      ticket: 'TK',
    });
    const plain = event('subscribe', '<EventKey><![CDATA[]]></EventKey>');
    expect(plain).not.toHaveProperty('sceneKey');
    expect(plain).not.toHaveProperty('eventKey');
  });

  it('reads unsubscribe, SCAN, LOCATION, CLICK, VIEW and view_miniprogram', () => {
    expect(event('unsubscribe')).toMatchObject({ event: 'unsubscribe' });
    expect(event('SCAN', '<EventKey>123</EventKey><Ticket>T</Ticket>')).toMatchObject({
      event: 'SCAN',
      sceneKey: '123',
      ticket: 'T',
    });
    expect(
      event(
        'LOCATION',
        '<Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>119.3</Precision>',
      ),
    ).toMatchObject({ event: 'LOCATION', latitude: 23.1, longitude: 113.3, precision: 119.3 });
    expect(event('CLICK', '<EventKey>BOOK</EventKey>')).toMatchObject({
      event: 'CLICK',
      eventKey: 'BOOK',
    });
    expect(event('VIEW', '<EventKey>https://h/x</EventKey><MenuId>9</MenuId>')).toMatchObject({
      event: 'VIEW',
      eventKey: 'https://h/x',
      menuId: '9',
    });
    expect(
      event('view_miniprogram', '<EventKey>pages/a</EventKey><MenuId>9</MenuId>'),
    ).toMatchObject({ event: 'view_miniprogram', eventKey: 'pages/a' });
  });

  it('reads scancode, picture and location-select menu events with their nested info', () => {
    expect(
      event(
        'scancode_waitmsg',
        '<EventKey>s</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>R1</ScanResult></ScanCodeInfo>',
      ),
    ).toMatchObject({ event: 'scancode_waitmsg', scanType: 'qrcode', scanResult: 'R1' });
    expect(
      event(
        'scancode_push',
        '<EventKey>s</EventKey><ScanCodeInfo><ScanType>barcode</ScanType><ScanResult>R2</ScanResult></ScanCodeInfo>',
      ),
    ).toMatchObject({ event: 'scancode_push', scanResult: 'R2' });
    for (const name of ['pic_sysphoto', 'pic_photo_or_album', 'pic_weixin']) {
      expect(
        event(
          name,
          '<EventKey>p</EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum>a1</PicMd5Sum></item><item><PicMd5Sum>b2</PicMd5Sum></item></PicList></SendPicsInfo>',
        ),
      ).toMatchObject({ event: name, count: 2, picMd5Sums: ['a1', 'b2'] });
    }
    expect(
      event(
        'location_select',
        '<EventKey>l</EventKey><SendLocationInfo><Location_X>23</Location_X><Location_Y>113</Location_Y><Scale>15</Scale><Label>L</Label><Poiname>P</Poiname></SendLocationInfo>',
      ),
    ).toMatchObject({
      event: 'location_select',
      latitude: 23,
      longitude: 113,
      scale: 15,
      label: 'L',
      poiname: 'P',
    });
  });

  it('reads TEMPLATESENDJOBFINISH and subscribe_msg_popup_event', () => {
    expect(
      event(
        'TEMPLATESENDJOBFINISH',
        '<MsgID>200163836</MsgID><Status><![CDATA[failed:user block]]></Status>',
      ),
    ).toMatchObject({
      event: 'TEMPLATESENDJOBFINISH',
      msgId: '200163836',
      status: 'failed:user block',
    });
    expect(
      event(
        'subscribe_msg_popup_event',
        '<SubscribeMsgPopupEvent><List><TemplateId>T1</TemplateId><SubscribeStatusString>accept</SubscribeStatusString><PopupScene>2</PopupScene></List><List><TemplateId>T2</TemplateId><SubscribeStatusString>reject</SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent>',
      ),
    ).toMatchObject({
      event: 'subscribe_msg_popup_event',
      items: [
        { templateId: 'T1', subscribeStatus: 'accept', popupScene: '2' },
        { templateId: 'T2', subscribeStatus: 'reject', popupScene: '2' },
      ],
    });
  });

  it('passes an unknown event through as kind unknown', () => {
    expect(event('MASSSENDJOBFINISH', '<TotalCount>1</TotalCount>')).toMatchObject({
      kind: 'unknown',
      msgType: 'event',
      event: 'MASSSENDJOBFINISH',
    });
  });
});
