import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WechatApiError,
  WechatNetworkError,
  WechatResponseError,
  WechatTimeoutError,
} from '../errors';
import { FakeWechat } from '../../test/fake-wechat';
import { WechatClient } from './wechat-client';

describe('API client: token retry and typed errors', () => {
  let wechat: FakeWechat;
  let client: WechatClient;
  beforeEach(async () => {
    wechat = new FakeWechat();
    await wechat.start();
    client = new WechatClient({
      appId: wechat.appId,
      secret: wechat.secret,
      baseUrl: wechat.baseUrl,
    });
    wechat.on('GET', '/cgi-bin/menu/get', () => ({ json: { menu: { button: [] } } }));
  });
  afterEach(() => wechat.stop());

  it('on 40001 drops the token, fetches a new one and retries once', async () => {
    await client.menu.get();
    wechat.revokeTokens();
    await expect(client.menu.get()).resolves.toEqual({ menu: { button: [] } });
    expect(wechat.tokenFetches).toBe(2);
    const menuCalls = wechat.requests.filter((r) => r.path === '/cgi-bin/menu/get');
    expect(menuCalls.map((r) => r.query.get('access_token'))).toEqual([
      'ACCESS_TOKEN_1',
      'ACCESS_TOKEN_1',
      'ACCESS_TOKEN_2',
    ]);
  });

  it('retries 40014 and 42001 too, but only once', async () => {
    for (const errcode of [40014, 42001]) {
      let calls = 0;
      wechat.on('GET', '/cgi-bin/menu/get', () => ({ json: { errcode, errmsg: 'bad token' } }));
      wechat.on('GET', '/cgi-bin/user/info', () => {
        calls++;
        return { json: { errcode, errmsg: 'bad token' } };
      });
      const err = await client.user.getInfo('o1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WechatApiError);
      expect(err).toMatchObject({ errcode, endpoint: '/cgi-bin/user/info' });
      expect(calls).toBe(2);
    }
  });

  it('does not retry other errcodes and reports errcode, errmsg and endpoint', async () => {
    let calls = 0;
    wechat.on('POST', '/cgi-bin/message/template/send', () => {
      calls++;
      return { json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } };
    });
    const err = await client.template
      .send({ toUser: 'o1', templateId: 't', data: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({
      errcode: 45009,
      errmsg: 'reach max api daily quota limit',
      endpoint: '/cgi-bin/message/template/send',
      code: 'API_ERROR',
    });
    expect(String((err as Error).message)).not.toContain('ACCESS_TOKEN');
    expect(calls).toBe(1);
  });

  it('raises WechatTimeoutError when WeChat does not answer in time', async () => {
    const slow = new WechatClient({
      appId: wechat.appId,
      secret: wechat.secret,
      baseUrl: wechat.baseUrl,
      timeoutMs: 150,
    });
    await slow.tokens.getToken();
    wechat.on('GET', '/cgi-bin/menu/get', () => ({ json: {}, delayMs: 1000 }));
    const started = Date.now();
    const err = await slow.menu.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatTimeoutError);
    expect(err).toMatchObject({ endpoint: '/cgi-bin/menu/get', timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('raises WechatNetworkError when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((r) => probe.close(() => r()));
    const dead = new WechatClient({ appId: 'a', secret: 's', baseUrl: `http://127.0.0.1:${port}` });
    const err = await dead.menu.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatNetworkError);
    expect(err).toMatchObject({ endpoint: '/cgi-bin/token' });
  });

  it('raises WechatResponseError for HTTP errors and non-JSON bodies', async () => {
    wechat.on('GET', '/cgi-bin/menu/get', () => ({ status: 502, body: 'bad gateway' }));
    await expect(client.menu.get()).rejects.toBeInstanceOf(WechatResponseError);
    wechat.on('GET', '/cgi-bin/menu/get', () => ({ body: '<html>' }));
    await expect(client.menu.get()).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });
});
