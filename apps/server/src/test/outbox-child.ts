/**
 * A server process for the outbox crash test: optionally enqueues N notices, then dispatches until
 * the queue is drained, printing progress lines `{"type":"drained", ...}` as JSON on stdout.
 * Run by crash.test.ts; it is killed with SIGKILL mid-dispatch and started again.
 */
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { loadConfig } from '../config';
import { createServer } from '../server';
import { enqueueNotification } from '../modules/notifications/enqueue';
import {
  notificationAttempts,
  notifications,
  notificationTemplates,
} from '../modules/notifications/schema';

const config = loadConfig();
const server = await createServer(config, { background: false });
const { db, clock } = server.deps;
const toEnqueue = Number(process.env.ENQUEUE ?? 0);
const openids = (process.env.OPENIDS ?? '').split(',').filter(Boolean);

if (toEnqueue > 0) {
  await db
    .insert(notificationTemplates)
    .values({
      kind: 'test',
      templateId: 'TPL_TEST',
      fields: { keyword1: '{{content}}' },
      url: null,
      enabled: true,
    })
    .onConflictDoNothing();
  for (let start = 0; start < toEnqueue; start += 500) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(start + 500, toEnqueue); i += 1) {
        await enqueueNotification(tx, clock, {
          kind: 'test',
          recipientOpenid: openids[i % openids.length]!,
          idempotencyKey: `crash-${i}`,
          data: { content: `crash-${i}`, sentAt: '' },
        });
      }
    });
  }
  process.stdout.write(`${JSON.stringify({ type: 'enqueued', count: toEnqueue })}\n`);
}

server.dispatcher.start();
for (;;) {
  await new Promise((r) => setTimeout(r, 200));
  const open = await db
    .select({ n: count() })
    .from(notifications)
    .where(inArray(notifications.status, ['pending', 'sending']));
  if ((open[0]?.n ?? 0) === 0) break;
}
await server.dispatcher.stop();
const statuses = await db
  .select({ status: notifications.status, n: count() })
  .from(notifications)
  .groupBy(notifications.status);
const reasons = await db
  .select({ n: count() })
  .from(notifications)
  .where(eq(notifications.status, 'failed'));
// Sends that timed out or lost their connection: WeChat may have taken them before we gave up.
const unanswered = await db
  .select({ n: count() })
  .from(notificationAttempts)
  .where(and(eq(notificationAttempts.outcome, 'transient'), isNull(notificationAttempts.errcode)));
process.stdout.write(
  `${JSON.stringify({ type: 'drained', statuses, failed: reasons[0]?.n ?? 0, unanswered: unanswered[0]?.n ?? 0 })}\n`,
);
await server.close();
process.exit(0);
