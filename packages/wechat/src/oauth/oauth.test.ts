import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthCodeError, WechatApiError, WechatArgumentError } from '../errors';
import { FakeWechat } from '../../test/fake-wechat';
import { OAuthClient } from './oauth';

// The emulated /sns endpoints keep WeChat's rules: a code works once and only for its app.
const wechat = new FakeWechat();
const codes = new Map<string, { openid: string; scope: string }>();
const used = new Set<string>();
const webTokens = new Map<string, string>();
let client: OAuthClient;

beforeAll(async () => {
  await wechat.start();
  client = new OAuthClient({
    appId: wechat.appId,
    secret: wechat.secret,
    apiBaseUrl: wechat.baseUrl,
  });
  wechat
    .on('GET', '/sns/oauth2/access_token', (req) => {
      const code = req.query.get('code') ?? '';
      if (req.query.get('secret') !== wechat.secret)
        return { json: { errcode: 40125, errmsg: 'invalid appsecret' } };
      if (used.has(code)) return { json: { errcode: 40163, errmsg: 'code been used' } };
      const grant = codes.get(code);
      if (!grant) return { json: { errcode: 40029, errmsg: 'invalid code' } };
      used.add(code);
      const token = `WEB_${code}`;
      webTokens.set(token, grant.openid);
      return {
        json: {
          access_token: token,
          expires_in: 7200,
          refresh_token: `R_${code}`,
          openid: grant.openid,
          scope: grant.scope,
          unionid: 'union_1',
        },
      };
    })
    .on('GET', '/sns/oauth2/refresh_token', (req) => {
      const rt = req.query.get('refresh_token') ?? '';
      if (!rt.startsWith('R_'))
        return { json: { errcode: 40030, errmsg: 'invalid refresh_token' } };
      return {
        json: {
          access_token: `WEB2_${rt}`,
          expires_in: 7200,
          refresh_token: rt,
          openid: 'o_user',
          scope: 'snsapi_userinfo',
        },
      };
    })
    .on('GET', '/sns/userinfo', (req) => {
      const openid = webTokens.get(req.query.get('access_token') ?? '');
      if (!openid || openid !== req.query.get('openid'))
        return { json: { errcode: 40001, errmsg: 'invalid credential' } };
      return {
        json: {
          openid,
          nickname: '张三',
          sex: 0,
          province: '',
          city: '',
          country: '',
          headimgurl: 'https://img/x',
          privilege: [],
        },
      };
    });
});
afterAll(() => wechat.stop());

describe('OAuth2 web authorization', () => {
  it('builds the authorize URL in the order WeChat requires', () => {
    const c = new OAuthClient({ appId: 'wx123', secret: 's' });
    expect(
      c.authorizeUrl({
        redirectUri: 'https://h.example/cb?x=1',
        scope: 'snsapi_userinfo',
        state: 'abc123',
      }),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx123&redirect_uri=https%3A%2F%2Fh.example%2Fcb%3Fx%3D1&response_type=code&scope=snsapi_userinfo&state=abc123#wechat_redirect',
    );
    expect(c.authorizeUrl({ redirectUri: 'https://h/cb' })).toContain(
      '&scope=snsapi_base&state=#wechat_redirect',
    );
    expect(() => c.authorizeUrl({ redirectUri: 'x', state: 'a&b' })).toThrow(WechatArgumentError);
  });

  it('exchanges a code for openid and unionid, once', async () => {
    codes.set('CODE1', { openid: 'o_user', scope: 'snsapi_base' });
    const token = await client.exchangeCode('CODE1');
    expect(token).toEqual({
      accessToken: 'WEB_CODE1',
      expiresIn: 7200,
      refreshToken: 'R_CODE1',
      openid: 'o_user',
      scope: 'snsapi_base',
      unionid: 'union_1',
      isSnapshotUser: false,
    });
    const again = await client.exchangeCode('CODE1').catch((e: unknown) => e);
    expect(again).toBeInstanceOf(OAuthCodeError);
    expect(again).toMatchObject({ errcode: 40163, code: 'OAUTH_CODE_INVALID' });
    expect(again).toBeInstanceOf(WechatApiError);
  });

  it('gives OAuthCodeError for an invalid code, and a plain WechatApiError otherwise', async () => {
    await expect(client.exchangeCode('FORGED')).rejects.toMatchObject({
      errcode: 40029,
      code: 'OAUTH_CODE_INVALID',
    });
    const wrong = new OAuthClient({
      appId: wechat.appId,
      secret: 'bad',
      apiBaseUrl: wechat.baseUrl,
    });
    const err = await wrong.exchangeCode('X').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).not.toBeInstanceOf(OAuthCodeError);
  });

  it('reads the user profile with the web token and refreshes it', async () => {
    codes.set('CODE2', { openid: 'o_user', scope: 'snsapi_userinfo' });
    const token = await client.exchangeCode('CODE2');
    const info = await client.userInfo(token.accessToken, token.openid);
    expect(info).toMatchObject({
      openid: 'o_user',
      nickname: '张三',
      headimgurl: 'https://img/x',
      privilege: [],
    });
    const refreshed = await client.refresh(token.refreshToken);
    expect(refreshed.accessToken).toBe('WEB2_R_CODE2');
    await expect(client.refresh('junk')).rejects.toMatchObject({
      errcode: 40030,
      endpoint: '/sns/oauth2/refresh_token',
    });
  });
});
