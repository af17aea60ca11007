import { describe, expect, it } from 'vitest';
import { WechatArgumentError } from '../errors';
import { buildReplyXml, replyTo, type Reply } from './reply';
import { parseXml, xmlChild, xmlList, xmlText } from './xml';

const inbound = { fromUserName: 'o_user', toUserName: 'gh_abc' };

function roundTrip(reply: Reply) {
  return parseXml(replyTo(inbound, reply, 1700000000)).root;
}

describe('passive replies', () => {
  it('swaps the addresses and stamps the time', () => {
    const root = roundTrip({ type: 'text', content: '您好 ]]> <b>' });
    expect(xmlText(root, 'ToUserName')).toBe('o_user');
    expect(xmlText(root, 'FromUserName')).toBe('gh_abc');
    expect(xmlText(root, 'CreateTime')).toBe('1700000000');
    expect(xmlText(root, 'MsgType')).toBe('text');
    expect(xmlText(root, 'Content')).toBe('您好 ]]> <b>');
  });

  it('builds image, voice, video and music replies in the documented shape', () => {
    expect(xmlText(xmlChild(roundTrip({ type: 'image', mediaId: 'I' }), 'Image')!, 'MediaId')).toBe(
      'I',
    );
    expect(xmlText(xmlChild(roundTrip({ type: 'voice', mediaId: 'V' }), 'Voice')!, 'MediaId')).toBe(
      'V',
    );
    const video = xmlChild(
      roundTrip({ type: 'video', mediaId: 'M', title: 'T', description: 'D' }),
      'Video',
    )!;
    expect(video).toEqual({ MediaId: 'M', Title: 'T', Description: 'D' });
    const music = xmlChild(
      roundTrip({ type: 'music', title: 'S', musicUrl: 'u', hqMusicUrl: 'h', thumbMediaId: 'th' }),
      'Music',
    )!;
    expect(music).toEqual({ Title: 'S', MusicUrl: 'u', HQMusicUrl: 'h', ThumbMediaId: 'th' });
  });

  it('builds a news reply with 1 to 8 articles and refuses 0 or 9', () => {
    const article = { title: 't', description: 'd', picUrl: 'p', url: 'u' };
    const root = roundTrip({ type: 'news', articles: [article, { title: 'only title' }] });
    expect(xmlText(root, 'ArticleCount')).toBe('2');
    const items = xmlList(xmlChild(root, 'Articles')!, 'item');
    expect(items[0]).toEqual({ Title: 't', Description: 'd', PicUrl: 'p', Url: 'u' });
    expect(items[1]).toEqual({ Title: 'only title' });
    expect(() => roundTrip({ type: 'news', articles: [] })).toThrow(WechatArgumentError);
    expect(() => roundTrip({ type: 'news', articles: Array(9).fill(article) })).toThrow(
      WechatArgumentError,
    );
  });

  it('transfers to customer service, optionally to one agent', () => {
    const any = roundTrip({ type: 'transfer_customer_service' });
    expect(xmlText(any, 'MsgType')).toBe('transfer_customer_service');
    expect(any['TransInfo']).toBeUndefined();
    const one = roundTrip({ type: 'transfer_customer_service', kfAccount: 'kf01@gh' });
    expect(xmlText(xmlChild(one, 'TransInfo')!, 'KfAccount')).toBe('kf01@gh');
  });

  it('builds from an explicit envelope', () => {
    const xml = buildReplyXml(
      { toUserName: 'a', fromUserName: 'b', createTime: 5.7 },
      { type: 'text', content: 'x' },
    );
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[a]]></ToUserName><FromUserName><![CDATA[b]]></FromUserName><CreateTime>5</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[x]]></Content></xml>',
    );
  });
});
