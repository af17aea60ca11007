import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, signIn, type SignedIn } from '../../test/server';
import { startSandboxedServer, type SandboxedServer } from '../../test/wechat';
import { enqueueNotification } from './enqueue';

let env: SandboxedServer;
let admin: SignedIn;
let engineer: SignedIn;

beforeAll(async () => {
  env = await startSandboxedServer();
  await createStaff(env.server, 'admin', ['admin']);
  await createStaff(env.server, 'engineer', ['engineer']);
  admin = await signIn(env.server, 'admin');
  engineer = await signIn(env.server, 'engineer');
});
afterAll(() => env.close());

const inject = (options: InjectOptions) => env.server.app.inject(options);

const mapping = {
  templateId: 'TPL_TEST',
  fields: { keyword1: '{{content}}（{{sentAt}}）' },
  url: '/h5/',
  enabled: true,
};

describe('notification templates in the admin console', () => {
  it('lists every notice kind, unconfigured ones without a template id', async () => {
    const response = await inject({
      method: 'GET',
      url: '/api/admin/notification-templates',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const kinds = response.json() as {
      kind: string;
      templateId: string | null;
      availableFields: string[];
    }[];
    expect(kinds.find((k) => k.kind === 'appointment_booked')).toMatchObject({ templateId: null });
    expect(kinds.find((k) => k.kind === 'test')!.availableFields).toEqual(['content', 'sentAt']);
  });

  it('previews a mapping with sample data, resolving relative URLs against PUBLIC_URL', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/admin/notification-templates/test/preview',
      headers: admin.headers,
      payload: mapping,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      templateId: 'TPL_TEST',
      url: 'http://localhost:3000/h5/',
      data: { keyword1: { value: '这是一条测试消息（2026-11-25 10:00）' } },
    });
  });

  it('refuses a mapping that uses data the kind does not have, naming it', async () => {
    const response = await inject({
      method: 'PUT',
      url: '/api/admin/notification-templates/test',
      headers: admin.headers,
      payload: { ...mapping, fields: { keyword1: '{{idNumber}}' } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'TEMPLATE_FIELD_UNKNOWN',
      details: { fields: ['idNumber'] },
    });
  });

  it('refuses an unknown kind and refuses engineers', async () => {
    const unknown = await inject({
      method: 'PUT',
      url: '/api/admin/notification-templates/no_such_kind',
      headers: admin.headers,
      payload: mapping,
    });
    expect(unknown.json().error.code).toBe('NOTIFICATION_KIND_UNKNOWN');
    const forbidden = await inject({
      method: 'PUT',
      url: '/api/admin/notification-templates/test',
      headers: engineer.headers,
      payload: mapping,
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('saves a mapping and test-sends it to a chosen user, who receives it in WeChat', async () => {
    const saved = await inject({
      method: 'PUT',
      url: '/api/admin/notification-templates/test',
      headers: admin.headers,
      payload: mapping,
    });
    expect(saved.statusCode).toBe(200);
    const openid = await env.follower('管理员本人');
    const sent = await inject({
      method: 'POST',
      url: '/api/admin/notification-templates/test/test-send',
      headers: admin.headers,
      payload: { openid },
    });
    expect(sent.json()).toMatchObject({ ok: true, errcode: null });
    const messages = await env.control<{ kind: string; content: string }[]>(
      'GET',
      `/users/${openid}/messages`,
    );
    expect(messages.filter((m) => m.kind === 'template').map((m) => m.content)).toEqual([
      '这是一条测试消息（2026-11-25 10:00）',
    ]);
  });

  it("reports WeChat's refusal of a test send", async () => {
    const stranger = (
      await env.control<{ openid: string }>('POST', '/users', { subscribed: false })
    ).openid;
    const sent = await inject({
      method: 'POST',
      url: '/api/admin/notification-templates/test/test-send',
      headers: admin.headers,
      payload: { openid: stranger },
    });
    expect(sent.json()).toMatchObject({ ok: false, errcode: 43004 });
  });
});

describe('the notification log', () => {
  it('finds notices by recipient and status, shows attempts, and retries a dead one', async () => {
    const openid = await env.follower();
    await env.control('POST', '/faults', {
      templateSend: { errcode: 40037, errmsg: 'invalid template_id' },
      times: 1,
    });
    const { id } = await enqueueNotification(env.server.deps.db, env.server.clock, {
      kind: 'test',
      recipientOpenid: openid,
      idempotencyKey: 'log-1',
      data: { content: '你好', sentAt: '现在' },
    });
    await env.server.dispatcher.runOnce();
    const list = await inject({
      method: 'GET',
      url: `/api/admin/notifications?openid=${openid}&status=failed`,
      headers: engineer.headers,
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, status: 'failed' }] });
    const detail = await inject({
      method: 'GET',
      url: `/api/admin/notifications/${id}`,
      headers: engineer.headers,
    });
    expect(detail.json().attempts).toEqual([
      expect.objectContaining({ outcome: 'permanent', errcode: 40037 }),
    ]);

    const retried = await inject({
      method: 'POST',
      url: `/api/admin/notifications/${id}/retry`,
      headers: admin.headers,
    });
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await env.server.dispatcher.runOnce();
    const after = await inject({
      method: 'GET',
      url: `/api/admin/notifications/${id}`,
      headers: engineer.headers,
    });
    expect(after.json().notification.status).toBe('sent');
    const again = await inject({
      method: 'POST',
      url: `/api/admin/notifications/${id}/retry`,
      headers: admin.headers,
    });
    expect(again.json().error.code).toBe('NOTIFICATION_NOT_RETRYABLE');
  });
});
