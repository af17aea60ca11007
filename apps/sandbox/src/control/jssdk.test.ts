import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox } from '../test/helpers';

let sb: Awaited<ReturnType<typeof sandbox>>;
beforeAll(async () => {
  sb = await sandbox(baseConfig(generateKeys()));
});
afterAll(() => sb.close());

const sign = (ticket: string, nonceStr: string, timestamp: string, url: string) =>
  createHash('sha1')
    .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
    .digest('hex');

describe('JS-SDK config check', () => {
  it('accepts wx.config signed with the current jsapi_ticket and the page URL, refuses others', async () => {
    const token = await sb.token();
    const t = await sb.call('GET', `/cgi-bin/ticket/getticket?access_token=${token}&type=jsapi`);
    expect(t.json).toMatchObject({ errcode: 0, expires_in: 7200 });
    const ticket = String(t.json.ticket);
    const again = await sb.call(
      'GET',
      `/cgi-bin/ticket/getticket?access_token=${token}&type=jsapi`,
    );
    expect(again.json.ticket).toBe(ticket);
    const url = 'http://127.0.0.1:3000/h5/pay?order=1';
    const good = {
      appId: 'wx5823bf96d3bd56c7',
      timestamp: '1700000000',
      nonceStr: 'abc',
      url,
      signature: sign(ticket, 'abc', '1700000000', url),
    };
    expect((await sb.call('POST', '/sandbox/api/jssdk/verify', good)).json).toMatchObject({
      ok: true,
    });
    const otherPage = { ...good, url: 'http://127.0.0.1:3000/h5/other' };
    expect((await sb.call('POST', '/sandbox/api/jssdk/verify', otherPage)).json).toMatchObject({
      ok: false,
      errMsg: 'config:invalid signature',
    });
  });

  it('serves a jweixin script that defines wx and WeixinJSBridge', async () => {
    const res = await fetch(`${sb.url}/open/js/jweixin-1.6.0.js`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(text).toContain('getBrandWCPayRequest');
    expect(text).toContain('chooseWXPay');
  });
});
