import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import type { Deps } from '../../context';
import { startSandboxedServer, type SandboxedServer } from '../../test/wechat';
import { Dispatcher, type TemplateSender } from './dispatcher';
import { enqueueNotification, withdrawNotification } from './enqueue';
import { notificationAttempts, notifications, notificationTemplates } from './schema';

let env: SandboxedServer;
let deps: Deps;
let dispatcher: Dispatcher;

interface SandboxMessage {
  kind: string;
  template?: { templateId: string; data: Record<string, { value: string }> };
}

beforeAll(async () => {
  env = await startSandboxedServer({ NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RATE_PER_SECOND: '0' });
  deps = env.server.deps;
  dispatcher = env.server.dispatcher;
});
afterAll(() => env.close());

beforeEach(async () => {
  await env.control('DELETE', '/faults');
  await deps.db.delete(notifications);
  await deps.db.delete(notificationTemplates);
  await deps.db.insert(notificationTemplates).values({
    kind: 'appointment_booked',
    templateId: 'TPL_BOOKED',
    fields: { keyword1: '{{patientName}}', keyword2: '{{doctor}} ({{department}})' },
    url: '/h5/appointments',
    enabled: true,
  });
});

const booked = (openid: string, key: string) => ({
  kind: 'appointment_booked' as const,
  recipientOpenid: openid,
  idempotencyKey: key,
  data: {
    patientName: '张*',
    doctor: '张建国',
    department: '心血管内科',
    visitTime: '12-01 09:00',
    sequence: '3',
    fee: '50.00',
  },
});

async function noticeByKey(key: string) {
  const [row] = await deps.db
    .select()
    .from(notifications)
    .where(eq(notifications.idempotencyKey, key));
  return row!;
}

async function templateMessagesOf(openid: string): Promise<SandboxMessage[]> {
  const messages = await env.control<SandboxMessage[]>('GET', `/users/${openid}/messages`);
  return messages.filter((m) => m.kind === 'template');
}

describe('enqueueing', () => {
  it('queues nothing when the change that causes the notice rolls back', async () => {
    await expect(
      deps.db.transaction(async (tx) => {
        await enqueueNotification(tx, env.server.clock, booked('o-anyone', 'rolled-back'));
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    expect(await deps.db.select().from(notifications)).toHaveLength(0);
  });

  it('yields one notice for the same idempotency key, however often enqueued', async () => {
    const first = await enqueueNotification(
      deps.db,
      env.server.clock,
      booked('o-anyone', 'same-key'),
    );
    const second = await enqueueNotification(
      deps.db,
      env.server.clock,
      booked('o-anyone', 'same-key'),
    );
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await deps.db.select().from(notifications)).toHaveLength(1);
  });
});

describe('withdrawing', () => {
  it('does not send a reminder withdrawn after a dispatcher claimed it', async () => {
    const clock = env.server.clock;
    const later = (ms: number) => new Date(clock.now().getTime() + ms);
    const first = await enqueueNotification(deps.db, clock, {
      ...booked('o-withdrawn', 'reminder-1'),
      notBefore: later(1000),
    });
    const second = await enqueueNotification(deps.db, clock, {
      ...booked('o-withdrawn', 'reminder-2'),
      notBefore: later(2000),
    });
    // One send at a time: while WeChat takes the first, the second's appointment is cancelled.
    const sent: string[] = [];
    const send: TemplateSender = async (message) => {
      sent.push(message.clientMsgId!);
      if (sent.length === 1) {
        expect(await withdrawNotification(deps.db, clock, 'reminder-2')).toBe(true);
      }
      return `msg-${sent.length}`;
    };
    const notifications = { ...deps.config.notifications, concurrency: 1 };
    const oneAtATime = new Dispatcher({ ...deps, config: { ...deps.config, notifications } }, send);
    clock.advance(3000);
    try {
      expect(await oneAtATime.runOnce()).toBe(2);
    } finally {
      clock.advance(-3000);
    }
    expect(sent).toEqual([first.id]);
    expect(await noticeByKey('reminder-1')).toMatchObject({ status: 'sent' });
    expect(await noticeByKey('reminder-2')).toMatchObject({
      status: 'skipped',
      lastError: 'superseded',
    });
    const attempts = await deps.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, second.id));
    expect(attempts).toMatchObject([{ outcome: 'skipped', message: 'superseded' }]);
  });
});

describe('dispatching to WeChat', () => {
  it('renders the template mapping and delivers it once', async () => {
    const openid = await env.follower('患者甲');
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'deliver-1'));
    expect(await dispatcher.runOnce()).toBe(1);
    const notice = await noticeByKey('deliver-1');
    expect(notice.status).toBe('sent');
    expect(notice.wechatMsgId).toBeTruthy();
    const received = await templateMessagesOf(openid);
    expect(received).toHaveLength(1);
    expect(received[0]!.template!.data.keyword2!.value).toBe('张建国 (心血管内科)');
    expect(await dispatcher.runOnce()).toBe(0);
  });

  it('records a kind without a template as skipped, with the reason', async () => {
    const openid = await env.follower();
    await enqueueNotification(deps.db, env.server.clock, {
      kind: 'report_ready',
      recipientOpenid: openid,
      idempotencyKey: 'no-template',
      data: { patientName: '李*', reportName: '血常规', reportedAt: '11-25 15:00' },
    });
    await dispatcher.runOnce();
    const notice = await noticeByKey('no-template');
    expect(notice.status).toBe('skipped');
    expect(notice.lastError).toBe('no template configured for report_ready');
    expect(await templateMessagesOf(openid)).toHaveLength(0);
  });

  it('fails a notice for a user who unfollowed (43004) without retrying', async () => {
    const openid = await env.follower();
    await env.control('POST', `/users/${openid}/unfollow`, {});
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'unfollowed'));
    await dispatcher.runOnce();
    const notice = await noticeByKey('unfollowed');
    expect(notice.status).toBe('failed');
    expect(notice.lastError).toContain('43004');
    env.server.clock.advance(24 * 3_600_000);
    expect(await dispatcher.runOnce()).toBe(0);
  });

  it('delays a throttled notice (45009) without counting the attempt, then sends it', async () => {
    const openid = await env.follower();
    await env.control('POST', '/faults', {
      templateSend: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
      times: 1,
    });
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'throttled'));
    await dispatcher.runOnce();
    let notice = await noticeByKey('throttled');
    expect(notice.status).toBe('pending');
    expect(notice.attempts).toBe(0);
    expect(notice.nextAttemptAt.getTime() - env.server.clock.now().getTime()).toBe(600_000);
    expect(await dispatcher.runOnce()).toBe(0);
    env.server.clock.advance(600_000);
    await dispatcher.runOnce();
    notice = await noticeByKey('throttled');
    expect(notice.status).toBe('sent');
    expect(await templateMessagesOf(openid)).toHaveLength(1);
  });

  it('refreshes an invalidated access token (40001) and still delivers', async () => {
    const openid = await env.follower();
    await dispatcher.runOnce(); // nothing due; makes sure a token is cached
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'warm-token'));
    await dispatcher.runOnce();
    await env.control('POST', '/tokens/invalidate', {});
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'after-invalidation'));
    await dispatcher.runOnce();
    expect((await noticeByKey('after-invalidation')).status).toBe('sent');
    const attempts = await deps.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.notificationId, (await noticeByKey('after-invalidation')).id));
    expect(attempts.map((a) => a.outcome)).toEqual(['sent']);
  });

  it('backs off on transient errors and dead-letters after the last attempt', async () => {
    const openid = await env.follower();
    await env.control('POST', '/faults', { templateSend: { errcode: -1, errmsg: 'system error' } });
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'transient'));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(await dispatcher.runOnce()).toBe(1);
      const notice = await noticeByKey('transient');
      if (attempt < 3) {
        expect(notice.status).toBe('pending');
        const delay = notice.nextAttemptAt.getTime() - env.server.clock.now().getTime();
        delays.push(delay);
        env.server.clock.advance(delay);
      } else {
        expect(notice.status).toBe('dead');
        expect(notice.lastError).toContain('errcode -1');
      }
    }
    // 10 s then 20 s, each within ±20 % jitter.
    expect(delays[0]).toBeGreaterThanOrEqual(8_000);
    expect(delays[0]).toBeLessThanOrEqual(12_000);
    expect(delays[1]).toBeGreaterThanOrEqual(16_000);
    expect(delays[1]).toBeLessThanOrEqual(24_000);
  });

  it('fails a notice whose data lacks a field the mapping needs', async () => {
    const openid = await env.follower();
    await enqueueNotification(deps.db, env.server.clock, {
      ...booked(openid, 'missing-field'),
      data: { patientName: '王*' },
    });
    await dispatcher.runOnce();
    const notice = await noticeByKey('missing-field');
    expect(notice.status).toBe('failed');
    expect(notice.lastError).toBe('notice data has no "doctor"');
  });

  it('lets a second dispatcher resend a notice whose dispatcher died holding it', async () => {
    const openid = await env.follower();
    await enqueueNotification(deps.db, env.server.clock, booked(openid, 'orphaned'));
    // A dispatcher claimed it, then its process died before sending.
    await deps.db
      .update(notifications)
      .set({
        status: 'sending',
        claimedBy: 'dead-instance',
        leaseUntil: new Date(env.server.clock.now().getTime() + 60_000),
        attempts: 1,
      })
      .where(eq(notifications.idempotencyKey, 'orphaned'));
    expect(await dispatcher.runOnce()).toBe(0);
    env.server.clock.advance(61_000);
    expect(await dispatcher.runOnce()).toBe(1);
    expect((await noticeByKey('orphaned')).status).toBe('sent');
  });

  it('never lets two dispatchers send the same notice', async () => {
    const openids = await Promise.all([env.follower(), env.follower(), env.follower()]);
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < 150; i += 1)
        await enqueueNotification(tx, env.server.clock, booked(openids[i % 3]!, `pair-${i}`));
    });
    const twin = new Dispatcher({ ...deps, config: { ...deps.config, instanceId: 'twin' } }, (m) =>
      deps.wechat!.client.template.send(m),
    );
    const drain = async (d: Dispatcher) => {
      while ((await d.runOnce()) > 0);
    };
    await Promise.all([drain(dispatcher), drain(twin), drain(dispatcher), drain(twin)]);
    const rows = await deps.db.select({ status: notifications.status }).from(notifications);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(150);
    const received = (await Promise.all(openids.map(templateMessagesOf))).flat();
    expect(received).toHaveLength(150);
    const [attempts] = await deps.db
      .select({ n: count() })
      .from(notificationAttempts)
      .innerJoin(notifications, eq(notifications.id, notificationAttempts.notificationId))
      .where(like(notifications.idempotencyKey, 'pair-%'));
    expect(attempts!.n).toBe(150);
  });

  it('keeps all instances together within the configured send rate', async () => {
    const limited = new Dispatcher(
      {
        ...deps,
        config: {
          ...deps.config,
          notifications: { ...deps.config.notifications, ratePerSecond: 5 },
        },
      },
      (m) => deps.wechat!.client.template.send(m),
    );
    const openid = await env.follower();
    for (let i = 0; i < 12; i += 1)
      await enqueueNotification(deps.db, env.server.clock, booked(openid, `rate-${i}`));
    expect(await limited.runOnce()).toBe(5);
    expect(await limited.runOnce()).toBe(0); // the clock stands still: same second
    env.server.clock.advance(1000);
    expect(await limited.runOnce()).toBe(5);
  });
});
