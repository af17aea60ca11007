import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  baseConfig,
  decryptPush,
  encryptReply,
  field,
  generateKeys,
  sandbox,
  sha1Sorted,
  startServer,
  type FakeServer,
  type Keys,
  type Received,
} from '../test/helpers';

let keys: Keys;
beforeAll(() => {
  keys = generateKeys();
});

const TOKEN = 'QDG6eK';
const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const APPID = 'wx5823bf96d3bd56c7';

/** A plain-mode server that checks signatures and replies with text to everything. */
function textReplier(reply: (xml: string) => string | null) {
  return (req: Received) => {
    const q = req.url.searchParams;
    const expected = sha1Sorted([TOKEN, q.get('timestamp')!, q.get('nonce')!]);
    if (q.get('signature') !== expected) return { status: 403, body: 'bad signature' };
    const answer = reply(req.body);
    if (answer === null) return { body: 'success' };
    const xml = `<xml><ToUserName><![CDATA[${field(req.body, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field(req.body, 'ToUserName')}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${answer}]]></Content></xml>`;
    return { body: xml };
  };
}

describe('message push', () => {
  let server: FakeServer;
  let sb: Awaited<ReturnType<typeof sandbox>>;
  afterEach(async () => {
    await sb?.close();
    await server?.close();
  });

  it('pushes a signed subscribe event for a new follower and shows the welcome reply', async () => {
    server = await startServer(
      textReplier((xml) => (field(xml, 'Event') === 'subscribe' ? '欢迎关注掌医' : null)),
    );
    sb = await sandbox(baseConfig(keys, { callbackUrl: `${server.url}/wechat/callback` }));
    const user = (await sb.call('POST', '/sandbox/api/users', { nickname: '张三' })).json;
    expect(String(user.openid)).toMatch(/^o[\w-]{27}$/);
    const result = await sb.call('POST', `/sandbox/api/users/${String(user.openid)}/follow`, {});
    expect(result.json.reply).toMatchObject({
      kind: 'passive',
      msgType: 'text',
      content: '欢迎关注掌医',
    });
    const req = server.received[0]!;
    expect(req.url.pathname).toBe('/wechat/callback');
    expect(req.url.searchParams.get('openid')).toBe(user.openid);
    expect(field(req.body, 'MsgType')).toBe('event');
    expect(field(req.body, 'FromUserName')).toBe(user.openid);
    expect(field(req.body, 'ToUserName')).toMatch(/^gh_[0-9a-f]{12}$/);
    const messages = await sb.call('GET', `/sandbox/api/users/${String(user.openid)}/messages`);
    expect(messages.json.map((m) => (m as { content: string }).content)).toEqual(['欢迎关注掌医']);
  });

  it('tries three times, 5 s (scaled) each, when the server does not answer, with the same MsgId and CreateTime', async () => {
    server = await startServer(() => new Promise<void>(() => undefined));
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url, replyTimeoutMs: 200 }));
    const user = (await sb.call('POST', '/sandbox/api/users', { nickname: '李四' })).json;
    const openid = String(user.openid);
    // Follow through a server that answers, then switch it off.
    server.handler = () => ({ body: '' });
    await sb.call('POST', `/sandbox/api/users/${openid}/follow`, {});
    server.handler = () => new Promise<void>(() => undefined);
    server.received.length = 0;
    const started = Date.now();
    const result = await sb.call('POST', `/sandbox/api/users/${openid}/text`, { content: '在吗' });
    const elapsed = Date.now() - started;
    expect(result.json.delivered).toBe(false);
    expect(result.json.attempts).toHaveLength(3);
    expect(server.received).toHaveLength(3);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(2000);
    const ids = server.received.map((r) => field(r.body, 'MsgId'));
    const times = server.received.map((r) => field(r.body, 'CreateTime'));
    expect(new Set(ids).size).toBe(1);
    expect(new Set(times).size).toBe(1);
    const messages = (await sb.call('GET', `/sandbox/api/users/${openid}/messages`)).json as {
      kind: string;
      content: string;
    }[];
    expect(messages.at(-1)).toMatchObject({
      kind: 'system',
      content: '该公众号暂时无法提供服务，请稍后再试',
    });
  });

  it('stops retrying once the second attempt is answered', async () => {
    let calls = 0;
    server = await startServer((req) => {
      calls += 1;
      if (field(req.body, 'MsgType') === 'text' && calls === 2)
        return new Promise<void>(() => undefined);
      return { body: 'success' };
    });
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url, replyTimeoutMs: 200 }));
    const openid = String(
      (await sb.call('POST', '/sandbox/api/users', { subscribed: true })).json.openid,
    );
    const result = await sb.call('POST', `/sandbox/api/users/${openid}/text`, { content: 'hi' });
    expect(result.json.attempts).toHaveLength(2);
    expect(result.json.outcome).toBe('no-reply');
  });

  it('keeps event CreateTimes distinct per user so quick taps are not deduplicated', async () => {
    server = await startServer(() => ({ body: '' }));
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url }));
    const token = await sb.token();
    await sb.call('POST', `/cgi-bin/menu/create?access_token=${token}`, {
      button: [{ type: 'click', name: '今日号源', key: 'TODAY' }],
    });
    const openid = String(
      (await sb.call('POST', '/sandbox/api/users', { subscribed: true })).json.openid,
    );
    for (let i = 0; i < 3; i++)
      await sb.call('POST', `/sandbox/api/users/${openid}/click`, { key: 'TODAY' });
    const clicks = server.received.filter((r) => field(r.body, 'Event') === 'CLICK');
    expect(clicks.map((r) => field(r.body, 'EventKey'))).toEqual(['TODAY', 'TODAY', 'TODAY']);
    const times = [server.received[0]!, ...clicks].map((r) => Number(field(r.body, 'CreateTime')));
    expect(new Set(times).size).toBe(4);
    const unknown = await sb.call('POST', `/sandbox/api/users/${openid}/click`, { key: 'NOPE' });
    expect(unknown.status).toBe(404);
  });

  it('in safe mode encrypts the push, signs it with msg_signature, and reads an encrypted reply', async () => {
    server = await startServer((req) => {
      const q = req.url.searchParams;
      const encrypted = field(req.body, 'Encrypt')!;
      expect(q.get('encrypt_type')).toBe('aes');
      expect(q.get('msg_signature')).toBe(
        sha1Sorted([TOKEN, q.get('timestamp')!, q.get('nonce')!, encrypted]),
      );
      expect(field(req.body, 'MsgType')).toBeUndefined();
      const inner = decryptPush(KEY, encrypted);
      const reply = `<xml><ToUserName><![CDATA[${field(inner, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field(inner, 'ToUserName')}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到：${field(inner, 'Content') ?? field(inner, 'Event')}]]></Content></xml>`;
      const enc = encryptReply(KEY, APPID, reply);
      const ts = '1700000000';
      const nonce = '12345';
      return {
        body: `<xml><Encrypt><![CDATA[${enc}]]></Encrypt><MsgSignature><![CDATA[${sha1Sorted([TOKEN, ts, nonce, enc])}]]></MsgSignature><TimeStamp>${ts}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`,
      };
    });
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url, messageMode: 'safe' }));
    const openid = String(
      (await sb.call('POST', '/sandbox/api/users', { subscribed: true })).json.openid,
    );
    const result = await sb.call('POST', `/sandbox/api/users/${openid}/text`, { content: '挂号' });
    expect(result.json.reply).toMatchObject({ content: '收到：挂号' });
  });

  it('in safe mode refuses a plaintext reply as WeChat would', async () => {
    server = await startServer(textReplier(() => 'plain'));
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url, messageMode: 'safe' }));
    server.handler = (req) => {
      const inner = decryptPush(KEY, field(req.body, 'Encrypt')!);
      return textReplier(() => 'plain')({ ...req, body: inner, url: new URL(req.url) } as Received);
    };
    const openid = String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
    const result = await sb.call('POST', `/sandbox/api/users/${openid}/follow`, {});
    expect(result.json.outcome).toBe('bad-reply');
    expect(result.json.replyError).toMatch(/encrypted/);
  });

  it('in compatible mode sends the plaintext fields and the Encrypt element together', async () => {
    server = await startServer(() => ({ body: 'success' }));
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url, messageMode: 'compatible' }));
    const openid = String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
    await sb.call('POST', `/sandbox/api/users/${openid}/follow`, {});
    const body = server.received[0]!.body;
    expect(field(body, 'Event')).toBe('subscribe');
    expect(field(decryptPush(KEY, field(body, 'Encrypt')!), 'Event')).toBe('subscribe');
  });

  it('scans a QR code: subscribe with qrscene_ for a newcomer, SCAN with the bare scene for a follower', async () => {
    server = await startServer(() => ({ body: '' }));
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url }));
    const token = await sb.token();
    const qr = await sb.call('POST', `/cgi-bin/qrcode/create?access_token=${token}`, {
      action_name: 'QR_STR_SCENE',
      expire_seconds: 600,
      action_info: { scene: { scene_str: 'dept_12' } },
    });
    const ticket = String(qr.json.ticket);
    const openid = String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
    await sb.call('POST', `/sandbox/api/users/${openid}/scan`, { content: qr.json.url });
    await sb.call('POST', `/sandbox/api/users/${openid}/scan`, { ticket });
    const [first, second] = server.received;
    expect(field(first!.body, 'Event')).toBe('subscribe');
    expect(field(first!.body, 'EventKey')).toBe('qrscene_dept_12');
    expect(field(first!.body, 'Ticket')).toBe(ticket);
    expect(field(second!.body, 'Event')).toBe('SCAN');
    expect(field(second!.body, 'EventKey')).toBe('dept_12');
    const user = (await sb.call('GET', `/sandbox/api/users/${openid}`)).json;
    expect(user).toMatchObject({
      subscribed: true,
      subscribeScene: 'ADD_SCENE_QR_CODE',
      qrSceneStr: 'dept_12',
    });
    await sb.call('POST', '/sandbox/api/clock', { advanceSeconds: 601 });
    expect((await sb.call('POST', `/sandbox/api/users/${openid}/scan`, { ticket })).status).toBe(
      410,
    );
  });

  it('passes the server-URL check only when the server echoes echostr', async () => {
    server = await startServer((req) => {
      const q = req.url.searchParams;
      const ok = q.get('signature') === sha1Sorted([TOKEN, q.get('timestamp')!, q.get('nonce')!]);
      return { body: ok ? q.get('echostr')! : 'no' };
    });
    sb = await sandbox(baseConfig(keys, { callbackUrl: server.url }));
    expect((await sb.call('POST', '/sandbox/api/callback/verify', {})).json.ok).toBe(true);
    server.handler = () => ({ body: 'success' });
    expect((await sb.call('POST', '/sandbox/api/callback/verify', {})).json.ok).toBe(false);
  });
});
