import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { createStaff, signIn, type SignedIn } from '../../test/server';
import { startSandboxedServer, type SandboxedServer } from '../../test/wechat';
import { notifications, notificationTemplates } from '../notifications/schema';

let env: SandboxedServer;
let admin: SignedIn;
const inject = (options: InjectOptions) =>
  env.server.app.inject({ ...options, headers: { ...admin.headers, ...options.headers } });

beforeAll(async () => {
  env = await startSandboxedServer({}, { listen: true });
  await createStaff(env.server, 'editor', ['admin']);
  admin = await signIn(env.server, 'editor');
});
afterAll(() => env.close());

const draft = {
  kind: 'announcement',
  title: '春节门诊安排',
  summary: '除夕至初三仅开放急诊',
  coverUrl: null,
  body: '<p onclick="steal()">门诊安排<script>alert(1)</script></p><img src="javascript:alert(1)"><a href="https://example.org">详情</a>',
};

describe('articles and announcements', () => {
  it('keeps only harmless HTML, and shows only published articles to the public', async () => {
    const created = (
      await inject({ method: 'POST', url: '/api/admin/articles', payload: draft })
    ).json();
    expect(created.body).toBe(
      '<p>门诊安排</p><img /><a href="https://example.org" rel="noopener noreferrer">详情</a>',
    );
    expect(created.status).toBe('draft');
    const hidden = await env.server.app.inject({
      method: 'GET',
      url: `/api/public/articles/${created.id}`,
    });
    expect(hidden.statusCode).toBe(404);
    await inject({ method: 'POST', url: `/api/admin/articles/${created.id}/publish` });
    const list = (
      await env.server.app.inject({ method: 'GET', url: '/api/public/articles?kind=announcement' })
    ).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(created.id);
    await inject({ method: 'POST', url: `/api/admin/articles/${created.id}/unpublish` });
    expect(
      (await env.server.app.inject({ method: 'GET', url: `/api/public/articles/${created.id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('pushes a published announcement to every follower once, through the outbox', async () => {
    const followers = [await env.follower(), await env.follower(), await env.follower()];
    const stranger = (await env.control<{ openid: string }>('POST', '/users', {})).openid;
    await env.server.deps.db.insert(notificationTemplates).values({
      kind: 'announcement',
      templateId: 'TPL_TEST',
      fields: { keyword1: '{{title}}（{{publishedAt}}）' },
      url: '{{url}}',
      enabled: true,
    });
    const created = (
      await inject({ method: 'POST', url: '/api/admin/articles', payload: draft })
    ).json();
    const early = await inject({ method: 'POST', url: `/api/admin/articles/${created.id}/push` });
    expect(early.json().error.code).toBe('ARTICLE_NOT_PUBLISHED');
    await inject({ method: 'POST', url: `/api/admin/articles/${created.id}/publish` });
    const pushed = await inject({ method: 'POST', url: `/api/admin/articles/${created.id}/push` });
    expect(pushed.json()).toEqual({ queued: 3 });
    const twice = await inject({ method: 'POST', url: `/api/admin/articles/${created.id}/push` });
    expect(twice.json().error.code).toBe('ARTICLE_ALREADY_PUSHED');
    while ((await env.server.dispatcher.runOnce()) > 0);
    const queued = await env.server.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'announcement'));
    expect(queued.map((n) => n.status)).toEqual(['sent', 'sent', 'sent']);
    for (const openid of followers) {
      const messages = await env.control<{ kind: string; content: string; url?: string }[]>(
        'GET',
        `/users/${openid}/messages`,
      );
      const notice = messages.find((m) => m.kind === 'template')!;
      expect(notice.content).toContain('春节门诊安排');
      expect(notice.url).toBe(`${env.server.config.publicUrl}/h5/articles/${created.id}`);
    }
    const strangerMessages = await env.control<{ kind: string }[]>(
      'GET',
      `/users/${stranger}/messages`,
    );
    expect(strangerMessages.filter((m) => m.kind === 'template')).toHaveLength(0);
  });
});
