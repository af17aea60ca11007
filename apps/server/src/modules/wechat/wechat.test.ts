import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { MessageCipher, msgSignature } from '@zhangyi/wechat';
import { createStaff, signIn, type SignedIn } from '../../test/server';
import { startSandboxedServer, type SandboxedServer } from '../../test/wechat';
import { wechatUsers } from './schema';

let env: SandboxedServer;
let admin: SignedIn;
let serverUrl: string;

interface ActionAnswer {
  reply?: { msgType?: string; content?: string } | null;
}

beforeAll(async () => {
  env = await startSandboxedServer({ DEMO_SEED: 'true' }, { listen: true });
  serverUrl = env.server.config.publicUrl;
  await createStaff(env.server, 'wxadmin', ['admin']);
  admin = await signIn(env.server, 'wxadmin');
});
afterAll(() => env.close());

async function newUser(): Promise<string> {
  return (await env.control<{ openid: string }>('POST', '/users', {})).openid;
}

const replyText = (answer: ActionAnswer) => answer.reply?.content;

describe('the WeChat callback', () => {
  it("passes WeChat's URL verification", async () => {
    const result = await env.control<{ ok: boolean }>('POST', '/callback/verify', {});
    expect(result.ok).toBe(true);
  });

  it('welcomes a new follower and records the follow', async () => {
    const openid = await newUser();
    const answer = await env.control<ActionAnswer>('POST', `/users/${openid}/follow`, {});
    expect(replyText(answer)).toContain('欢迎关注');
    const [user] = await env.server.deps.db
      .select()
      .from(wechatUsers)
      .where(eq(wechatUsers.openid, openid));
    expect(user).toMatchObject({ subscribed: true });
  });

  it('records an unfollow', async () => {
    const openid = await newUser();
    await env.control('POST', `/users/${openid}/follow`, {});
    await env.control('POST', `/users/${openid}/unfollow`, {});
    const [user] = await env.server.deps.db
      .select()
      .from(wechatUsers)
      .where(eq(wechatUsers.openid, openid));
    expect(user).toMatchObject({ subscribed: false });
    expect(user!.unsubscribedAt).not.toBeNull();
  });

  it('answers keywords (exact before contains), and the default reply otherwise', async () => {
    const create = (body: object) =>
      env.server.app.inject({
        method: 'POST',
        url: '/api/admin/wechat/auto-replies',
        headers: admin.headers,
        payload: body,
      });
    expect(
      (
        await create({
          matchType: 'contains',
          keyword: '挂号',
          reply: '点击菜单「就医服务」预约挂号',
          enabled: true,
          priority: 10,
        })
      ).statusCode,
    ).toBe(200);
    await create({
      matchType: 'exact',
      keyword: '挂号费',
      reply: '普通门诊挂号费 10 元',
      enabled: true,
      priority: 20,
    });
    await env.server.app.inject({
      method: 'PUT',
      url: '/api/admin/wechat/reply-settings',
      headers: admin.headers,
      payload: { welcomeReply: '欢迎关注示范医院', defaultReply: '您好，人工服务时间 8:00-17:30' },
    });
    const openid = await newUser();
    await env.control('POST', `/users/${openid}/follow`, {});
    const say = async (content: string) =>
      replyText(await env.control<ActionAnswer>('POST', `/users/${openid}/text`, { content }));
    expect(await say('挂号费')).toBe('普通门诊挂号费 10 元');
    expect(await say('怎么挂号')).toBe('点击菜单「就医服务」预约挂号');
    expect(await say('你好')).toBe('您好，人工服务时间 8:00-17:30');
  });

  it('answers the 联系我们 menu key with the hospital contact', async () => {
    const openid = await newUser();
    await env.control('POST', `/users/${openid}/follow`, {});
    const answer = await env.control<ActionAnswer>('POST', `/users/${openid}/click`, {
      key: 'CONTACT_US',
    });
    expect(replyText(answer)).toContain('电话：020-12345678');
  });

  it('answers a retried message once', async () => {
    const { config } = env.server.deps.wechat!;
    const cipher = new MessageCipher(config.encodingAESKey!, config.appId);
    const inner = `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oRetry]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>9001</MsgId></xml>`;
    const encrypt = cipher.encrypt(inner);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '12345';
    const query = `timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature(config.token, timestamp, nonce, encrypt)}`;
    const post = () =>
      fetch(`${serverUrl}/wechat/callback?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      }).then((r) => r.text());
    const first = await post();
    const second = await post();
    expect(first).toContain('<Encrypt>');
    expect(second).toBe('success');
  });

  it('refuses a forged callback and changes nothing', async () => {
    const response = await fetch(
      `${serverUrl}/wechat/callback?timestamp=1&nonce=2&encrypt_type=aes&msg_signature=bad`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: '<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>',
      },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('refuses XML with a DOCTYPE before reading it', async () => {
    const response = await fetch(
      `${serverUrl}/wechat/callback?timestamp=1&nonce=2&encrypt_type=aes&msg_signature=x`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>',
      },
    );
    expect(response.status).toBe(400);
  });
});

describe('the custom menu', () => {
  it('starts from the default menu and publishes it to WeChat', async () => {
    const state = await env.server.app.inject({
      method: 'GET',
      url: '/api/admin/wechat/menu',
      headers: admin.headers,
    });
    expect(state.json().draft.button.map((b: { name: string }) => b.name)).toEqual([
      '就医服务',
      '院内服务',
      '我的',
    ]);
    const live = await env.control<{
      button?: { name: string }[];
      menu?: { button: { name: string }[] };
    }>('GET', '/menu');
    const buttons = live.menu?.button ?? live.button ?? [];
    // The demo seed published it at start.
    expect(buttons.map((b) => b.name)).toEqual(['就医服务', '院内服务', '我的']);
    const fromWechat = await env.server.app.inject({
      method: 'GET',
      url: '/api/admin/wechat/menu/live',
      headers: admin.headers,
    });
    expect(fromWechat.json().menu.button).toHaveLength(3);
  });

  it("refuses a menu beyond WeChat's limits before calling WeChat", async () => {
    const button = { type: 'click', name: '按钮', key: 'K' };
    const response = await env.server.app.inject({
      method: 'PUT',
      url: '/api/admin/wechat/menu',
      headers: admin.headers,
      payload: {
        button: [
          { name: '一', sub_button: [button] },
          button,
          button,
          { ...button, name: '这是一个名字特别特别长的按钮' },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const tooLong = await env.server.app.inject({
      method: 'PUT',
      url: '/api/admin/wechat/menu',
      headers: admin.headers,
      payload: { button: [{ ...button, name: '这是一个名字特别长的按钮' }] },
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().error.code).toBe('MENU_INVALID');
  });
});

describe('silent OAuth into H5 pages', () => {
  /** Follows redirects by hand, carrying cookies per host as a browser would. */
  async function browse(start: string, openid: string) {
    const jar = new Map<string, string>();
    let url = start;
    const visited: string[] = [];
    for (let hop = 0; hop < 6; hop += 1) {
      visited.push(url);
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const target = url.includes('/connect/oauth2/authorize')
        ? `${url.replace('#wechat_redirect', '')}&sandbox_openid=${openid}`
        : url;
      const response = await fetch(target, {
        redirect: 'manual',
        headers: cookie ? { cookie } : {},
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = pair!.split('=');
        jar.set(name!, value.join('='));
      }
      const location = response.headers.get('location');
      if (!location) return { response, jar, visited, body: await response.text() };
      url = new URL(location, url).toString();
    }
    throw new Error('too many redirects');
  }

  it('recognises the user by OpenID after the round trip through WeChat', async () => {
    const openid = await newUser();
    const result = await browse(`${serverUrl}/wechat/oauth/start?next=/h5/mine`, openid);
    expect(result.visited.some((u) => u.includes('/connect/oauth2/authorize'))).toBe(true);
    expect(result.visited.at(-1)).toBe(`${serverUrl}/h5/mine`);
    const cookie = `zy_wx=${result.jar.get('zy_wx')}`;
    const me = await fetch(`${serverUrl}/api/wechat/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { openid: string }).openid).toBe(openid);
  });

  it('shows an error page with a way back when the code was already used', async () => {
    const openid = await newUser();
    const start = await fetch(`${serverUrl}/wechat/oauth/start?next=/h5/`, { redirect: 'manual' });
    const stateCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const authorize = `${start.headers.get('location')!.replace('#wechat_redirect', '')}&sandbox_openid=${openid}`;
    const back = (await fetch(authorize, { redirect: 'manual' })).headers.get('location')!;
    const first = await fetch(back, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(first.status).toBe(302);
    const again = await fetch(back, { redirect: 'manual', headers: { cookie: stateCookie } });
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain('授权码已使用或已过期');
    expect(html).toContain('/wechat/oauth/start?next=%2Fh5%2F');
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const response = await fetch(`${serverUrl}/wechat/oauth/callback?code=abc&state=forged`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('state 不匹配');
  });

  it('never redirects outside our H5 pages', async () => {
    const start = await fetch(`${serverUrl}/wechat/oauth/start?next=https://evil.example/`, {
      redirect: 'manual',
    });
    const stateCookie = decodeURIComponent(start.headers.getSetCookie()[0]!.split(';')[0]!);
    expect(stateCookie).toContain('|/h5/');
  });

  it('answers 401 to an H5 API call without a WeChat session', async () => {
    const response = await fetch(`${serverUrl}/api/wechat/me`);
    expect(response.status).toBe(401);
  });
});

describe('WeChat sessions', () => {
  it('do not carry over to another Official Account', async () => {
    const { openWechatSession } = await import('./sessions');
    const { sessionId } = await openWechatSession(env.server.deps, 'oSwitch00000000000000000000');
    const cookie = `zy_wx=${env.server.app.signCookie(sessionId)}`;
    const ok = await env.server.app.inject({
      method: 'GET',
      url: '/api/wechat/me',
      headers: { cookie },
    });
    expect(ok.statusCode).toBe(200);
    const other = {
      ...env.server.deps,
      wechat: {
        ...env.server.deps.wechat!,
        config: { ...env.server.deps.wechat!.config, appId: 'wx0000000000000000' },
      },
    };
    const { resolveWechatSession } = await import('./sessions');
    await expect(resolveWechatSession(other, sessionId)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const gone = await env.server.app.inject({
      method: 'GET',
      url: '/api/wechat/me',
      headers: { cookie },
    });
    expect(gone.statusCode).toBe(401);
  });
});
