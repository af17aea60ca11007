// A 19:00 survey push: 20,000 notices enqueued at once and dispatched to the WeChat sandbox, which
// runs as its own process on this machine. Prints notices per second, the enqueue-to-sent delay
// (p50/p99) and the peak RSS of the dispatching process.
//
// Run with the server's own flags (apps/server/package.json `start`):
//   node --max-semi-space-size=4 --import tsx bench/notify-fanout.ts [notices]   (PGlite in memory)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --max-semi-space-size=4 --import tsx bench/notify-fanout.ts
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { count, inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config';
import { createServer } from '../apps/server/src/server';
import { enqueueNotification } from '../apps/server/src/modules/notifications/enqueue';
import {
  notifications,
  notificationTemplates,
} from '../apps/server/src/modules/notifications/schema';
import { createSecrets, repoRoot, sandboxConfigFor, wechatEnv } from '../scripts/demo-lib';

const TOTAL = Number(process.argv[2] ?? 20_000);
const RECIPIENTS = 200;
const SANDBOX_PORT = 3190;

const work = mkdtempSync(join(tmpdir(), 'zy-fanout-'));
const secrets = createSecrets();

// The sandbox reports TEMPLATESENDJOBFINISH to the server's callback; answer it here cheaply.
const callback = createHttpServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('success'));
});
await new Promise<void>((r) => callback.listen(0, '127.0.0.1', r));
const callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/wechat/callback`;

const sandboxConfigFile = join(work, 'sandbox.json');
writeFileSync(
  sandboxConfigFile,
  JSON.stringify(
    sandboxConfigFor(secrets, {
      port: SANDBOX_PORT,
      callbackUrl,
      timeScale: 1,
      templates: [{ templateId: 'TPL_SURVEY', title: '满意度调查', content: '{{keyword1.DATA}}' }],
    }),
  ),
);
const sandbox = spawn(
  process.execPath,
  [
    ...(process.env.SANDBOX_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    '--import',
    'tsx',
    join(repoRoot, 'apps/sandbox/src/main.ts'),
  ],
  {
    env: { ...process.env, SANDBOX_CONFIG: sandboxConfigFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const sandboxUrl = `http://127.0.0.1:${SANDBOX_PORT}`;
for (let i = 0; ; i += 1) {
  try {
    if ((await fetch(`${sandboxUrl}/sandbox/api/config`)).ok) break;
  } catch {
    if (i > 200) throw new Error('sandbox did not start');
  }
  await new Promise((r) => setTimeout(r, 100));
}

const openids: string[] = [];
for (let i = 0; i < RECIPIENTS; i += 1) {
  const response = await fetch(`${sandboxUrl}/sandbox/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subscribed: false }),
  });
  openids.push(((await response.json()) as { openid: string }).openid);
}
// Following pushes a subscribe event per user; mark them followers through the API instead.
for (const openid of openids) {
  await fetch(`${sandboxUrl}/sandbox/api/users/${openid}/follow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

let scratchDb: string | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  scratchDb = `zy_fanout_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${scratchDb}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${scratchDb}`;
  databaseUrl = url.toString();
}

const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  SESSION_SECRET: secrets.sessionSecret,
  PII_ENCRYPTION_KEYS: `k1:${secrets.piiKey}`,
  PII_HASH_KEY: secrets.piiHashKey,
  DATA_DIR: 'memory://',
  ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  SCHEDULER_ENABLED: 'false',
  NOTIFY_DISPATCHER_ENABLED: 'false',
  ...wechatEnv(secrets, sandboxUrl),
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('NOTIFY_'))),
});
const server = await createServer(config);
const { db, clock } = server.deps;
await db.insert(notificationTemplates).values({
  kind: 'survey_invitation',
  templateId: 'TPL_SURVEY',
  fields: { keyword1: '{{patientName}}，请评价 {{visitDate}} {{department}} 的就诊体验' },
  url: '/h5/surveys',
  enabled: true,
});

const rssAtStart = process.memoryUsage().rss;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const enqueueStarted = performance.now();
for (let start = 0; start < TOTAL; start += 1000) {
  await db.transaction(async (tx) => {
    for (let i = start; i < Math.min(start + 1000, TOTAL); i += 1) {
      await enqueueNotification(tx, clock, {
        kind: 'survey_invitation',
        recipientOpenid: openids[i % RECIPIENTS]!,
        idempotencyKey: `survey:2026-11-25:${i}`,
        data: { patientName: '患者', visitDate: '2026-11-25', department: '心血管内科' },
      });
    }
  });
}
const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
const peakRssEnqueue = peakRss;
peakRss = 0;

const dispatchStarted = performance.now();
server.dispatcher.start();
for (;;) {
  const [open] = await db
    .select({ n: count() })
    .from(notifications)
    .where(inArray(notifications.status, ['pending', 'sending']));
  if ((open?.n ?? 0) === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const dispatchSeconds = (performance.now() - dispatchStarted) / 1000;
clearInterval(sampler);

const statuses = await db
  .select({ status: notifications.status, n: count() })
  .from(notifications)
  .groupBy(notifications.status);
const delays = (await db.execute(sql`
  select percentile_cont(0.5) within group (order by extract(epoch from sent_at - created_at)) as p50,
         percentile_cont(0.99) within group (order by extract(epoch from sent_at - created_at)) as p99
  from notifications where status = 'sent'`)) as unknown as {
  rows: { p50: number; p99: number }[];
};
const { p50, p99 } = delays.rows[0]!;

console.log(
  `notify-fanout: ${TOTAL} notices to ${RECIPIENTS} followers via the WeChat sandbox (${server.database.kind})`,
);
console.log(`  outcome            ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}`);
console.log(
  `  enqueue            ${enqueueSeconds.toFixed(2)} s (${Math.round(TOTAL / enqueueSeconds)} notices/s)`,
);
console.log(
  `  dispatch           ${dispatchSeconds.toFixed(2)} s → ${Math.round(TOTAL / dispatchSeconds)} notices/s (target ≥ 1,000)`,
);
console.log(
  `  enqueue→sent delay p50 ${Number(p50).toFixed(2)} s, p99 ${Number(p99).toFixed(2)} s (all enqueued at once)`,
);
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
console.log(
  `  RSS                ready ${mb(rssAtStart)}, peak while enqueueing ${mb(peakRssEnqueue)}, peak while dispatching ${mb(peakRss)} (target < 300 MB)`,
);

await server.close();
sandbox.kill('SIGTERM');
callback.close();
if (scratchDb) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${scratchDb} with (force)`);
  await admin.end();
}
rmSync(work, { recursive: true, force: true });
