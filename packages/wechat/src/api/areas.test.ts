import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatApiError, WechatArgumentError } from '../errors';
import { FakeWechat, type FakeRequest } from '../../test/fake-wechat';
import { JSSDK } from '../../test/vectors';
import { jsapiSignature } from './jssdk';
import type { MenuButton } from './menu';
import { WechatClient } from './wechat-client';

// One emulated WeChat for every area: each endpoint keeps the state WeChat would keep.
const wechat = new FakeWechat();
let client: WechatClient;
let menu: unknown;
const media = new Map<string, { data: Buffer; type: string }>();
const followers = new Set(['o_follower']);
let ticketFetches = 0;
const sent: unknown[] = [];

function multipartFile(req: FakeRequest): { filename: string; data: Buffer } | undefined {
  const boundary = /boundary=(.+)$/.exec(String(req.headers['content-type']))?.[1];
  if (!boundary) return undefined;
  const text = req.body.toString('latin1');
  const part = text.split(`--${boundary}`).find((p) => p.includes('name="media"'));
  if (!part) return undefined;
  const filename = /filename="([^"]+)"/.exec(part)?.[1] ?? '';
  const data = part.slice(part.indexOf('\r\n\r\n') + 4, part.length - 2);
  return { filename, data: Buffer.from(data, 'latin1') };
}

beforeAll(async () => {
  await wechat.start();
  client = new WechatClient({
    appId: wechat.appId,
    secret: wechat.secret,
    baseUrl: wechat.baseUrl,
    mpBaseUrl: 'https://mp.example',
  });
  wechat
    .on('POST', '/cgi-bin/menu/create', (req) => {
      menu = req.json;
      return { json: { errcode: 0, errmsg: 'ok' } };
    })
    .on('GET', '/cgi-bin/menu/get', () =>
      menu ? { json: { menu } } : { json: { errcode: 46003, errmsg: 'menu no exist' } },
    )
    .on('GET', '/cgi-bin/menu/delete', () => {
      menu = undefined;
      return { json: { errcode: 0, errmsg: 'ok' } };
    })
    .on('POST', '/cgi-bin/menu/addconditional', () => ({ json: { menuid: 208379533 } }))
    .on('POST', '/cgi-bin/menu/delconditional', (req) => {
      sent.push(req.json);
      return { json: { errcode: 0, errmsg: 'ok' } };
    })
    .on('POST', '/cgi-bin/qrcode/create', (req) => {
      sent.push(req.json);
      const body = req.json as { expire_seconds?: number };
      return {
        json: {
          ticket:
            'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==',
          ...(body.expire_seconds ? { expire_seconds: body.expire_seconds } : {}),
          url: 'http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI',
        },
      };
    })
    .on('POST', '/cgi-bin/message/template/send', (req) => {
      const body = req.json as { touser: string };
      if (!followers.has(body.touser))
        return { json: { errcode: 43004, errmsg: 'require subscribe' } };
      sent.push(body);
      return { json: { errcode: 0, errmsg: 'ok', msgid: 200228332 } };
    })
    .on('GET', '/cgi-bin/template/get_all_private_template', () => ({
      json: {
        template_list: [{ template_id: 'T1', title: '预约成功通知', content: '{{first.DATA}}' }],
      },
    }))
    .on('POST', '/cgi-bin/message/subscribe/bizsend', (req) => {
      sent.push(req.json);
      return { json: { errcode: 0, errmsg: 'ok' } };
    })
    .on('POST', '/cgi-bin/message/custom/send', (req) => {
      sent.push(req.json);
      return { json: { errcode: 0, errmsg: 'ok' } };
    })
    .on('GET', '/cgi-bin/user/info', (req) => {
      const openid = req.query.get('openid')!;
      return {
        json: followers.has(openid)
          ? {
              subscribe: 1,
              openid,
              language: 'zh_CN',
              subscribe_time: 1700000000,
              unionid: 'u1',
              remark: '',
              tagid_list: [2],
              subscribe_scene: 'ADD_SCENE_QR_CODE',
              qr_scene: 98765,
              qr_scene_str: '',
            }
          : { subscribe: 0, openid },
      };
    })
    .on('POST', '/cgi-bin/user/info/batchget', (req) => {
      const list = (req.json as { user_list: Array<{ openid: string }> }).user_list;
      return {
        json: {
          user_info_list: list.map((u) => ({
            subscribe: followers.has(u.openid) ? 1 : 0,
            openid: u.openid,
          })),
        },
      };
    })
    .on('POST', '/cgi-bin/media/upload', (req) => {
      const file = multipartFile(req);
      if (!file) return { json: { errcode: 41005, errmsg: 'media data missing' } };
      const id = `MEDIA_${media.size + 1}`;
      media.set(id, { data: file.data, type: req.query.get('type')! });
      return { json: { type: req.query.get('type'), media_id: id, created_at: 1700000000 } };
    })
    .on('GET', '/cgi-bin/media/get', (req) => {
      const id = req.query.get('media_id')!;
      if (id === 'VIDEO') return { json: { video_url: 'http://video.example/v.mp4' } };
      const m = media.get(id);
      if (!m) return { json: { errcode: 40007, errmsg: 'invalid media_id' } };
      return {
        body: m.data,
        headers: {
          'content-type': 'image/jpeg',
          'content-disposition': 'attachment; filename="photo.jpg"',
        },
      };
    })
    .on('GET', '/cgi-bin/ticket/getticket', (req) => {
      ticketFetches++;
      if (req.query.get('type') !== 'jsapi')
        return { json: { errcode: 40097, errmsg: 'invalid args' } };
      return { json: { errcode: 0, errmsg: 'ok', ticket: JSSDK.ticket, expires_in: 7200 } };
    });
});
afterAll(() => wechat.stop());

describe('custom menu', () => {
  const buttons: MenuButton[] = [
    { type: 'click', name: '预约挂号', key: 'BOOK' },
    {
      name: '就诊服务',
      sub_button: [{ type: 'view', name: '报告查询', url: 'https://h.example/reports' }],
    },
  ];

  it('creates, reads and deletes the menu', async () => {
    await client.menu.create(buttons);
    expect(await client.menu.get()).toEqual({ menu: { button: buttons } });
    await client.menu.delete();
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 46003 });
  });

  it('adds and deletes a conditional menu', async () => {
    expect(await client.menu.addConditional(buttons, { tag_id: '2' })).toBe('208379533');
    await client.menu.deleteConditional('208379533');
    expect(sent.at(-1)).toEqual({ menuid: '208379533' });
  });

  it('refuses menus over WeChat limits before calling it', async () => {
    const click = (name: string): MenuButton => ({ type: 'click', name, key: 'K' });
    const bad: MenuButton[][] = [
      [],
      [click('a'), click('b'), click('c'), click('d')],
      [click('超过十六个字节的名')],
      [{ name: 'subs', sub_button: Array(6).fill(click('x')) }],
      [{ name: 'subs', sub_button: [click('子'.repeat(21))] }],
      [{ type: 'click', name: 'k', key: 'k'.repeat(129) }],
      [{ type: 'view', name: 'u', url: 'https://x/' + 'a'.repeat(1020) }],
    ];
    for (const b of bad)
      await expect(client.menu.create(b)).rejects.toBeInstanceOf(WechatArgumentError);
    // 5 Chinese characters = 15 bytes: allowed at the top level.
    await expect(client.menu.create([click('五个汉字啊')])).resolves.toBeUndefined();
  });
});

describe('QR codes with parameters', () => {
  it('creates temporary codes with scene_id and scene_str', async () => {
    const qr = await client.qrcode.createTemporary({ sceneId: 123 }, 604800);
    expect(qr.expireSeconds).toBe(604800);
    expect(sent.at(-1)).toEqual({
      action_name: 'QR_SCENE',
      action_info: { scene: { scene_id: 123 } },
      expire_seconds: 604800,
    });
    await client.qrcode.createTemporary({ sceneStr: 'dept_42' }, 60);
    expect(sent.at(-1)).toMatchObject({
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: 'dept_42' } },
    });
  });

  it('creates permanent codes and builds the showqrcode URL', async () => {
    const qr = await client.qrcode.createPermanent({ sceneStr: 'desk_1' });
    expect(sent.at(-1)).toEqual({
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'desk_1' } },
    });
    expect(qr.expireSeconds).toBeUndefined();
    await client.qrcode.createPermanent({ sceneId: 100000 });
    expect(sent.at(-1)).toMatchObject({ action_name: 'QR_LIMIT_SCENE' });
    expect(client.qrcode.showQrcodeUrl('a+b/c==')).toBe(
      'https://mp.example/cgi-bin/showqrcode?ticket=a%2Bb%2Fc%3D%3D',
    );
  });

  it('refuses out-of-range scenes and lifetimes', async () => {
    const { qrcode } = client;
    await expect(qrcode.createPermanent({ sceneId: 100001 })).rejects.toBeInstanceOf(
      WechatArgumentError,
    );
    await expect(qrcode.createTemporary({ sceneId: 1 }, 2_592_001)).rejects.toBeInstanceOf(
      WechatArgumentError,
    );
    await expect(qrcode.createTemporary({ sceneStr: 'x'.repeat(65) }, 60)).rejects.toBeInstanceOf(
      WechatArgumentError,
    );
  });
});

describe('template, subscription and customer-service messages', () => {
  it('sends a template message with url and miniprogram and returns the msgid', async () => {
    const msgid = await client.template.send({
      toUser: 'o_follower',
      templateId: 'T1',
      url: 'https://h.example/a/1',
      miniprogram: { appid: 'wxmini', pagepath: 'pages/a?id=1' },
      data: { first: { value: '您已预约成功' }, keyword1: { value: '内科', color: '#173177' } },
    });
    expect(msgid).toBe('200228332');
    expect(sent.at(-1)).toEqual({
      touser: 'o_follower',
      template_id: 'T1',
      url: 'https://h.example/a/1',
      miniprogram: { appid: 'wxmini', pagepath: 'pages/a?id=1' },
      data: { first: { value: '您已预约成功' }, keyword1: { value: '内科', color: '#173177' } },
    });
  });

  it('reports 43004 when the user does not follow', async () => {
    const err = await client.template
      .send({ toUser: 'o_gone', templateId: 'T1', data: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ errcode: 43004 });
  });

  it('lists templates', async () => {
    expect(await client.template.list()).toEqual([
      { template_id: 'T1', title: '预约成功通知', content: '{{first.DATA}}' },
    ]);
  });

  it('sends a subscription message through bizsend', async () => {
    await client.subscribe.send({
      toUser: 'o_follower',
      templateId: 'S1',
      page: 'https://h.example',
      data: { thing1: { value: '报告已出' } },
    });
    expect(sent.at(-1)).toEqual({
      touser: 'o_follower',
      template_id: 'S1',
      page: 'https://h.example',
      data: { thing1: { value: '报告已出' } },
    });
  });

  it('sends customer-service text, image and news', async () => {
    await client.customService.sendText('o1', '您好');
    expect(sent.at(-1)).toEqual({ touser: 'o1', msgtype: 'text', text: { content: '您好' } });
    await client.customService.sendImage('o1', 'M1');
    expect(sent.at(-1)).toEqual({ touser: 'o1', msgtype: 'image', image: { media_id: 'M1' } });
    await client.customService.sendNews('o1', [
      { title: 't', url: 'https://u', picurl: 'https://p' },
    ]);
    expect(sent.at(-1)).toEqual({
      touser: 'o1',
      msgtype: 'news',
      news: { articles: [{ title: 't', url: 'https://u', picurl: 'https://p' }] },
    });
  });
});

describe('users', () => {
  it('reads one user and a batch', async () => {
    expect(await client.user.getInfo('o_follower')).toEqual({
      openid: 'o_follower',
      subscribed: true,
      language: 'zh_CN',
      subscribeTime: 1700000000,
      unionid: 'u1',
      remark: '',
      tagIds: [2],
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrScene: 98765,
      qrSceneStr: '',
    });
    expect(await client.user.getInfo('o_gone')).toEqual({
      openid: 'o_gone',
      subscribed: false,
      tagIds: [],
    });
    const batch = await client.user.batchGetInfo(['o_follower', 'o_gone']);
    expect(batch.map((u) => [u.openid, u.subscribed])).toEqual([
      ['o_follower', true],
      ['o_gone', false],
    ]);
    await expect(client.user.batchGetInfo([])).rejects.toBeInstanceOf(WechatArgumentError);
  });
});

describe('temporary media', () => {
  it('uploads a file and downloads the same bytes', async () => {
    const data = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 0x0d, 0x0a, 0xff]);
    const up = await client.media.uploadTemporary('image', {
      data,
      filename: 'x.jpg',
      contentType: 'image/jpeg',
    });
    expect(up).toEqual({ type: 'image', mediaId: 'MEDIA_1', createdAt: 1700000000 });
    const down = await client.media.getTemporary(up.mediaId);
    expect(down).toEqual({ kind: 'file', data, contentType: 'image/jpeg', filename: 'photo.jpg' });
  });

  it('returns the URL of a video and raises an unknown media_id', async () => {
    expect(await client.media.getTemporary('VIDEO')).toEqual({
      kind: 'url',
      url: 'http://video.example/v.mp4',
    });
    await expect(client.media.getTemporary('NOPE')).rejects.toMatchObject({
      errcode: 40007,
      endpoint: '/cgi-bin/media/get',
    });
  });
});

describe('JS-SDK', () => {
  it('computes the official example signature (JS-SDK 说明文档 附录1)', () => {
    expect(jsapiSignature(JSSDK.ticket, JSSDK.nonceStr, JSSDK.timestamp, JSSDK.url)).toBe(
      JSSDK.signature,
    );
    expect(jsapiSignature(JSSDK.ticket, JSSDK.nonceStr, JSSDK.timestamp, `${JSSDK.url}#frag`)).toBe(
      JSSDK.signature,
    );
  });

  it('caches the jsapi_ticket and signs wx.config for the page URL', async () => {
    const url = 'https://h.example/book?dept=1';
    const config = await client.jssdk.buildConfig(url, { jsApiList: ['scanQRCode'] });
    await client.jssdk.buildConfig(url);
    expect(ticketFetches).toBe(1);
    expect(config).toMatchObject({ appId: wechat.appId, debug: false, jsApiList: ['scanQRCode'] });
    expect(config.signature).toBe(
      jsapiSignature(JSSDK.ticket, config.nonceStr, config.timestamp, url),
    );
    await client.jssdk.invalidateTicket();
    await client.jssdk.getTicket();
    expect(ticketFetches).toBe(2);
  });
});
