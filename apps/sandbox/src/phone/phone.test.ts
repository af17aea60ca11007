// Drives the phone page in Chromium against a tiny stand-in for the hospital server: follow,
// welcome reply, menu tap, an H5 page through OAuth with wx.config, a payment, the JS-SDK's scan
// and image calls, and 扫一扫 on one of the account's QR codes.
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseConfig,
  eventually,
  field,
  generateKeys,
  merchantRequest,
  paySign,
  sandbox,
  startServer,
  type FakeServer,
  type Keys,
} from '../test/helpers';
import type { SandboxConfig } from '../config';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('phone simulator page in Chromium', () => {
  let keys: Keys;
  let config: SandboxConfig;
  let hospital: FakeServer;
  let sb: Awaited<ReturnType<typeof sandbox>>;

  beforeAll(async () => {
    keys = generateKeys();
    hospital = await startServer(() => ({ status: 404 }));
    config = baseConfig(keys, {
      callbackUrl: `${hospital.url}/wechat/callback`,
      timeScale: 0.01,
      replyTimeoutMs: 3000,
    });
    sb = await sandbox(config);
    hospital.handler = hospitalHandler;
    const token = await sb.token();
    await sb.call('POST', `/cgi-bin/menu/create?access_token=${token}`, {
      button: [
        { type: 'click', name: '今日挂号', key: 'TODAY' },
        { type: 'view', name: '我的', url: `${hospital.url}/h5/page` },
      ],
    });
  });
  afterAll(async () => {
    await sb?.close();
    await hospital?.close();
  });

  /** The hospital server: plain-mode callback, an OAuth-protected H5 page with pay params. */
  async function hospitalHandler(req: import('../test/helpers').Received) {
    if (req.url.pathname === '/wechat/callback') {
      const to = field(req.body, 'FromUserName');
      const from = field(req.body, 'ToUserName');
      const event = field(req.body, 'Event');
      const text =
        event === 'subscribe' ? '欢迎关注掌医' : event === 'CLICK' ? '今日号源充足' : null;
      if (!text) return { body: 'success' };
      return {
        body: `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content></xml>`,
      };
    }
    if (req.url.pathname === '/h5/page') {
      const code = req.url.searchParams.get('code');
      if (!code) {
        const authorize = new URL(`${sb.url}/connect/oauth2/authorize`);
        authorize.search = new URLSearchParams({
          appid: config.appId,
          redirect_uri: `${hospital.url}/h5/page`,
          response_type: 'code',
          scope: 'snsapi_base',
          state: 'menu',
        }).toString();
        return { status: 302, body: '', location: `${authorize}#wechat_redirect` };
      }
      const sns = await sb.call(
        'GET',
        `/sns/oauth2/access_token?appid=${config.appId}&secret=${config.appSecret}&code=${code}&grant_type=authorization_code`,
      );
      const openid = String(sns.json.openid);
      const token = await sb.token();
      const ticket = (
        await sb.call('GET', `/cgi-bin/ticket/getticket?access_token=${token}&type=jsapi`)
      ).json.ticket;
      const pageUrl = `${hospital.url}${req.url.pathname}${req.url.search}`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHash('sha1')
        .update(`jsapi_ticket=${String(ticket)}&noncestr=n1&timestamp=${timestamp}&url=${pageUrl}`)
        .digest('hex');
      const order = await merchantRequest(
        sb.url,
        keys,
        config,
        'POST',
        '/v3/pay/transactions/jsapi',
        {
          appid: config.appId,
          mchid: config.mchId,
          description: '挂号费',
          out_trade_no: `ZY${Date.now()}`,
          notify_url: `${hospital.url}/pay/notify`,
          amount: { total: 500 },
          payer: { openid },
        },
      );
      const pay = paySign(keys, config.appId, String(order.json.prepay_id));
      const cfg = {
        appId: config.appId,
        timestamp,
        nonceStr: 'n1',
        signature,
        jsApiList: ['chooseWXPay'],
      };
      return {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><meta charset="utf-8"><title>我的预约</title>
<script src="${sb.url}/open/js/jweixin-1.6.0.js"></script>
<p id="who">${openid}</p><p id="cfg">pending</p><button id="pay">支付</button><p id="payres"></p>
<button id="scan">扫码</button><p id="scanres"></p><button id="choose">选图</button><p id="imgres"></p>
<script>
wx.config(${JSON.stringify(cfg)});
wx.ready(function(){ document.getElementById('cfg').textContent = 'ready'; });
wx.error(function(e){ document.getElementById('cfg').textContent = e.errMsg; });
document.getElementById('scan').onclick = function(){
  wx.scanQRCode({ needResult: 1, success: function(r){ document.getElementById('scanres').textContent = r.resultStr; } });
};
document.getElementById('choose').onclick = function(){
  wx.chooseImage({ count: 1, success: function(r){
    wx.getLocalImgData({ localId: r.localIds[0], success: function(d){
      wx.uploadImage({ localId: r.localIds[0], success: function(u){
        document.getElementById('imgres').textContent = u.serverId + ' ' + d.localData.slice(0, 22);
      } });
    } });
  } });
};
document.getElementById('pay').onclick = function(){
  WeixinJSBridge.invoke('getBrandWCPayRequest', ${JSON.stringify(pay)}, function(r){
    document.getElementById('payres').textContent = r.err_msg;
  });
};
</script>`,
      };
    }
    if (req.url.pathname === '/pay/notify') return { status: 204, body: '' };
    return { status: 404, body: 'not found' };
  }

  it('follows, gets the welcome, taps the menu, opens H5 through OAuth, is recognised, pays, scans and picks an image', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(sb.url);
      await page.fill('#new-user input[name=nickname]', '赵六');
      await page.click('#new-user button');
      await page.click('#follow');
      await page.getByText('欢迎关注掌医').waitFor();
      await page.click('#menu-buttons button:has-text("今日挂号")');
      await page.getByText('今日号源充足').waitFor();

      await page.click('#menu-buttons button:has-text("我的")');
      const frame = page.frameLocator('#h5-frame');
      const users = (await sb.call('GET', '/sandbox/api/users')).json as { openid: string }[];
      await expect.poll(() => frame.locator('#who').textContent()).toBe(users[0]!.openid);
      await expect.poll(() => frame.locator('#cfg').textContent()).toBe('ready');
      await expect.poll(() => page.textContent('#h5-title')).toBe('我的预约');

      await frame.locator('#pay').click();
      await page.locator('#pay-sheet').waitFor();
      expect(await page.textContent('#pay-amount')).toBe('¥5.00');
      await page.click('#pay-confirm');
      await expect
        .poll(() => frame.locator('#payres').textContent())
        .toBe('get_brand_wcpay_request:ok');
      await eventually(() => hospital.received.find((r) => r.url.pathname === '/pay/notify'));

      // wx.scanQRCode with needResult returns what the person pasted into the scan sheet.
      await frame.locator('#scan').click();
      await page.fill('#scan-text', 'ZY-CARD-0001');
      await page.click('#scan-form button');
      await expect.poll(() => frame.locator('#scanres').textContent()).toBe('ZY-CARD-0001');

      // chooseImage → getLocalImgData → uploadImage gives a serverId that media/get serves.
      await frame.locator('#choose').click();
      await page.click('#image-sample');
      await expect
        .poll(() => frame.locator('#imgres').textContent())
        .toMatch(/ data:image\/png;base64/);
      const serverId = String(await frame.locator('#imgres').textContent()).split(' ')[0];
      const token = await sb.token();
      const media = await fetch(
        `${sb.url}/cgi-bin/media/get?access_token=${token}&media_id=${serverId}`,
      );
      expect(media.headers.get('content-type')).toBe('image/png');

      // 扫一扫 in the chat on one of the account's QR codes pushes SCAN for a follower.
      await page.click('#h5-close');
      await sb.call('POST', `/cgi-bin/qrcode/create?access_token=${token}`, {
        action_name: 'QR_LIMIT_STR_SCENE',
        action_info: { scene: { scene_str: 'dept_cardiology' } },
      });
      await page.click('#more');
      await page.click('#more-menu [data-act=scan]');
      await page.click('#qr-list button');
      await eventually(() =>
        hospital.received.find((r) => field(r.body, 'EventKey') === 'dept_cardiology'),
      );
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 30_000);
});
