import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseConfig,
  eventually,
  field,
  generateKeys,
  sandbox,
  startServer,
  type FakeServer,
} from '../test/helpers';

let server: FakeServer;
let sb: Awaited<ReturnType<typeof sandbox>>;
let token: string;
beforeAll(async () => {
  server = await startServer(() => ({ body: 'success' }));
  sb = await sandbox(baseConfig(generateKeys(), { callbackUrl: server.url }));
  token = await sb.token();
});
afterAll(async () => {
  await sb.close();
  await server.close();
});

const follower = async () =>
  String((await sb.call('POST', '/sandbox/api/users', { subscribed: true })).json.openid);
const send = (touser: string, template_id = 'tpl-appointment-ok') =>
  sb.call('POST', `/cgi-bin/message/template/send?access_token=${token}`, {
    touser,
    template_id,
    url: 'http://127.0.0.1:3000/h5/appointments/1',
    data: { keyword1: { value: '张三' }, keyword2: { value: '2024-05-01 09:00' } },
  });

describe('template messages', () => {
  it('stores the rendered message as a service notification and pushes TEMPLATESENDJOBFINISH', async () => {
    const openid = await follower();
    const result = await send(openid);
    expect(result.json).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const msgid = result.json.msgid as number;
    const messages = (await sb.call('GET', `/sandbox/api/users/${openid}/messages`)).json as {
      kind: string;
      content: string;
      title: string;
    }[];
    expect(messages.find((m) => m.kind === 'template')).toMatchObject({
      title: '预约成功通知',
      content: '就诊人：张三\n就诊时间：2024-05-01 09:00',
    });
    const finish = await eventually(() =>
      server.received.find(
        (r) =>
          field(r.body, 'Event') === 'TEMPLATESENDJOBFINISH' &&
          field(r.body, 'FromUserName') === openid,
      ),
    );
    expect(field(finish.body, 'MsgID')).toBe(String(msgid));
    expect(field(finish.body, 'Status')).toBe('success');
  });

  it('does not show a reply to TEMPLATESENDJOBFINISH in the chat, as WeChat ignores it', async () => {
    const openid = await follower();
    const before = server.handler;
    server.handler = (req) => ({
      body: `<xml><ToUserName><![CDATA[${field(req.body, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field(req.body, 'ToUserName')}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[echo]]></Content></xml>`,
    });
    try {
      await send(openid);
      await eventually(() =>
        server.received.find(
          (r) =>
            field(r.body, 'Event') === 'TEMPLATESENDJOBFINISH' &&
            field(r.body, 'FromUserName') === openid,
        ),
      );
      await new Promise((r) => setTimeout(r, 50));
      const messages = (await sb.call('GET', `/sandbox/api/users/${openid}/messages`)).json as {
        kind: string;
      }[];
      expect(messages.map((m) => m.kind)).toEqual(['template']);
    } finally {
      server.handler = before;
    }
  });

  it('refuses an unknown template id with 40037 and a non-follower with 43004', async () => {
    const openid = await follower();
    expect((await send(openid, 'tpl-nope')).json.errcode).toBe(40037);
    await sb.call('POST', `/sandbox/api/users/${openid}/unfollow`, {});
    expect((await send(openid)).json.errcode).toBe(43004);
    expect((await send('o_unknown')).json.errcode).toBe(40003);
  });

  it('injects armed faults for the given number of calls, then recovers', async () => {
    const openid = await follower();
    await sb.call('POST', '/sandbox/api/faults', { templateSend: { errcode: 45009 }, times: 2 });
    expect((await send(openid)).json.errcode).toBe(45009);
    expect((await send(openid)).json.errcode).toBe(45009);
    expect((await send(openid)).json.errcode).toBe(0);
    await sb.call('POST', '/sandbox/api/faults', { templateSend: { delayMs: 300, times: 1 } });
    const started = Date.now();
    expect((await send(openid)).json.errcode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('reports a blocked user through the job-finish event when armed with jobStatus', async () => {
    const openid = await follower();
    await sb.call('POST', '/sandbox/api/faults', {
      templateSend: { jobStatus: 'failed:user block', times: 1 },
    });
    const msgid = String((await send(openid)).json.msgid);
    const finish = await eventually(() =>
      server.received.find((r) => field(r.body, 'MsgID') === msgid),
    );
    expect(field(finish.body, 'Status')).toBe('failed:user block');
  });
});

describe('customer-service messages', () => {
  const custom = (touser: string, content = '您好') =>
    sb.call('POST', `/cgi-bin/message/custom/send?access_token=${token}`, {
      touser,
      msgtype: 'text',
      text: { content },
    });

  it('delivers within 48 h of the user interacting and refuses after with 45015', async () => {
    const openid = await follower();
    expect((await custom(openid)).json.errcode).toBe(0);
    const messages = (await sb.call('GET', `/sandbox/api/users/${openid}/messages`)).json as {
      kind: string;
    }[];
    expect(messages.some((m) => m.kind === 'custom')).toBe(true);
    await sb.call('POST', '/sandbox/api/clock', { advanceSeconds: 48 * 3600 + 1 });
    token = await sb.token(); // the old one expired with the clock
    expect((await custom(openid)).json.errcode).toBe(45015);
    await sb.call('POST', `/sandbox/api/users/${openid}/text`, { content: '在吗' });
    expect((await custom(openid)).json.errcode).toBe(0);
  });
});

describe('subscribe messages (订阅通知)', () => {
  it('delivers to a follower as a service notification and reports subscribe_msg_sent_event', async () => {
    const openid = await follower();
    const result = await sb.call(
      'POST',
      `/cgi-bin/message/subscribe/bizsend?access_token=${token}`,
      {
        touser: openid,
        template_id: 'tpl-appointment-ok',
        page: 'http://127.0.0.1:3000/h5/',
        data: { keyword1: { value: '李四' }, keyword2: { value: '周一' } },
      },
    );
    expect(result.json.errcode).toBe(0);
    const event = await eventually(() =>
      server.received.find(
        (r) =>
          field(r.body, 'Event') === 'subscribe_msg_sent_event' &&
          field(r.body, 'FromUserName') === openid,
      ),
    );
    expect(field(event.body, 'ErrorStatus')).toBe('success');
    expect(field(event.body, 'MsgID')).toBe(String(result.json.msgid));
    await sb.call('POST', `/sandbox/api/users/${openid}/unfollow`, {});
    const refused = await sb.call(
      'POST',
      `/cgi-bin/message/subscribe/bizsend?access_token=${token}`,
      {
        touser: openid,
        template_id: 'tpl-appointment-ok',
        data: { keyword1: { value: 'x' } },
      },
    );
    expect(refused.json.errcode).toBe(43101);
  });
});
