import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox, type Keys } from '../test/helpers';

let keys: Keys;
beforeAll(() => {
  keys = generateKeys();
});

describe('access tokens', () => {
  let sb: Awaited<ReturnType<typeof sandbox>>;
  afterEach(() => sb?.close());

  it('issues a token for the right AppID/secret and refuses a wrong secret with 40125', async () => {
    sb = await sandbox(baseConfig(keys));
    const ok = await sb.call(
      'GET',
      '/cgi-bin/token?grant_type=client_credential&appid=wx5823bf96d3bd56c7&secret=sandbox-secret-0123456789abcdef',
    );
    expect(ok.json.expires_in).toBe(7200);
    expect(String(ok.json.access_token)).toMatch(/^[\w-]{100,512}$/);
    const bad = await sb.call(
      'GET',
      '/cgi-bin/token?grant_type=client_credential&appid=wx5823bf96d3bd56c7&secret=nope',
    );
    expect(bad.json.errcode).toBe(40125);
    const wrongApp = await sb.call(
      'GET',
      '/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=x',
    );
    expect(wrongApp.json.errcode).toBe(40013);
  });

  it('answers 40001 for every token after the control API invalidates them', async () => {
    sb = await sandbox(baseConfig(keys));
    const token = await sb.token();
    expect((await sb.call('GET', `/cgi-bin/user/get?access_token=${token}`)).json.total).toBe(0);
    await sb.call('POST', '/sandbox/api/tokens/invalidate', {});
    const after = await sb.call('GET', `/cgi-bin/user/get?access_token=${token}`);
    expect(after.json.errcode).toBe(40001);
    expect(String(after.json.errmsg)).toMatch(/^invalid credential.* rid: /);
  });

  it('expires a token after 7200 s (42001) and keeps the previous one 5 minutes after a refresh', async () => {
    sb = await sandbox(baseConfig(keys));
    const first = await sb.token();
    const second = await sb.token();
    expect(second).not.toBe(first);
    const use = async (t: string) =>
      (await sb.call('GET', `/cgi-bin/user/get?access_token=${t}`)).json.errcode ?? 0;
    expect(await use(first)).toBe(0);
    await sb.call('POST', '/sandbox/api/clock', { advanceSeconds: 301 });
    expect(await use(first)).toBe(40001);
    expect(await use(second)).toBe(0);
    await sb.call('POST', '/sandbox/api/clock', { advanceSeconds: 7200 });
    expect(await use(second)).toBe(42001);
  });

  it('returns the same stable token until forced, and a new one with force_refresh', async () => {
    sb = await sandbox(baseConfig(keys));
    const body = {
      grant_type: 'client_credential',
      appid: 'wx5823bf96d3bd56c7',
      secret: 'sandbox-secret-0123456789abcdef',
    };
    const a = await sb.call('POST', '/cgi-bin/stable_token', body);
    const b = await sb.call('POST', '/cgi-bin/stable_token', body);
    expect(b.json.access_token).toBe(a.json.access_token);
    const c = await sb.call('POST', '/cgi-bin/stable_token', { ...body, force_refresh: true });
    expect(c.json.access_token).not.toBe(a.json.access_token);
    const old = await sb.call(
      'GET',
      `/cgi-bin/user/get?access_token=${String(a.json.access_token)}`,
    );
    expect(old.json.errcode).toBe(40001);
  });

  it('counts the daily quota and answers 45009 on the 2001st call', async () => {
    sb = await sandbox(baseConfig(keys));
    const path =
      '/cgi-bin/token?grant_type=client_credential&appid=wx5823bf96d3bd56c7&secret=sandbox-secret-0123456789abcdef';
    for (let i = 0; i < 2000; i += 100) {
      await Promise.all(Array.from({ length: 100 }, () => sb.call('GET', path)));
    }
    expect((await sb.call('GET', path)).json.errcode).toBe(45009);
  });
});
