import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox } from '../test/helpers';

let sb: Awaited<ReturnType<typeof sandbox>>;
let openid: string;
const APPID = 'wx5823bf96d3bd56c7';
const SECRET = 'sandbox-secret-0123456789abcdef';
beforeAll(async () => {
  sb = await sandbox(baseConfig(generateKeys()));
  openid = String((await sb.call('POST', '/sandbox/api/users', { nickname: '王五' })).json.openid);
});
afterAll(() => sb.close());

const redirectUri = 'http://127.0.0.1:3000/h5/?from=menu#/appointments';

async function authorize(scope: string, extra: Record<string, string> = {}, cookie?: string) {
  const q = new URLSearchParams({
    appid: APPID,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state: 'abc123',
    ...extra,
  });
  return fetch(`${sb.url}/connect/oauth2/authorize?${q}#wechat_redirect`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

const exchange = (code: string) =>
  sb.call(
    'GET',
    `/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${code}&grant_type=authorization_code`,
  );

describe('OAuth2 web authorization', () => {
  it('redirects snsapi_base silently with code and state placed before the fragment', async () => {
    const res = await authorize('snsapi_base', { sandbox_openid: openid });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:3000/h5/');
    expect(location.searchParams.get('from')).toBe('menu');
    expect(location.searchParams.get('state')).toBe('abc123');
    expect(location.hash).toBe('#/appointments');
    const token = await exchange(location.searchParams.get('code')!);
    expect(token.json).toMatchObject({ openid, scope: 'snsapi_base', expires_in: 7200 });
  });

  it('identifies the phone holder from the wxsandbox_openid cookie', async () => {
    const res = await authorize('snsapi_base', {}, `other=1; wxsandbox_openid=${openid}`);
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect((await exchange(code)).json.openid).toBe(openid);
  });

  it('shows a user picker when nobody holds the phone', async () => {
    const res = await authorize('snsapi_base');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('王五');
  });

  it('refuses a code used twice with 40163', async () => {
    const res = await authorize('snsapi_base', { sandbox_openid: openid });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect((await exchange(code)).json.openid).toBe(openid);
    expect((await exchange(code)).json.errcode).toBe(40163);
  });

  it('refuses a code older than 5 minutes and an unknown code with 40029', async () => {
    const res = await authorize('snsapi_base', { sandbox_openid: openid });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    await sb.call('POST', '/sandbox/api/clock', { advanceSeconds: 301 });
    expect((await exchange(code)).json.errcode).toBe(40029);
    expect((await exchange('not-a-code')).json.errcode).toBe(40029);
  });

  it('asks a non-follower to consent for snsapi_userinfo; a refusal returns state only', async () => {
    const page = await authorize('snsapi_userinfo', { sandbox_openid: openid });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('允许');
    const form = new URLSearchParams({
      appid: APPID,
      redirect_uri: redirectUri,
      scope: 'snsapi_userinfo',
      state: 'abc123',
      openid,
    });
    const denied = await fetch(`${sb.url}/connect/oauth2/authorize/consent`, {
      method: 'POST',
      body: new URLSearchParams({ ...Object.fromEntries(form), decision: 'deny' }),
      redirect: 'manual',
    });
    const back = new URL(denied.headers.get('location')!);
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('state')).toBe('abc123');
    const allowed = await fetch(`${sb.url}/connect/oauth2/authorize/consent`, {
      method: 'POST',
      body: new URLSearchParams({ ...Object.fromEntries(form), decision: 'allow' }),
      redirect: 'manual',
    });
    const code = new URL(allowed.headers.get('location')!).searchParams.get('code')!;
    const token = (await exchange(code)).json;
    const info = await sb.call(
      'GET',
      `/sns/userinfo?access_token=${String(token.access_token)}&openid=${openid}&lang=zh_CN`,
    );
    expect(info.json).toMatchObject({ openid, nickname: '王五' });
  });

  it('refuses /sns/userinfo for a snsapi_base token with 48001', async () => {
    const res = await authorize('snsapi_base', { sandbox_openid: openid });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const token = (await exchange(code)).json;
    const info = await sb.call(
      'GET',
      `/sns/userinfo?access_token=${String(token.access_token)}&openid=${openid}`,
    );
    expect(info.json.errcode).toBe(48001);
  });

  it('shows WeChat’s error page for a wrong appid', async () => {
    const res = await authorize('snsapi_base', {
      appid: 'wx0000000000000000',
      sandbox_openid: openid,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Something went wrong');
  });
});
