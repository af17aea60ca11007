import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@zhangyi/sandbox';
import { createSecrets, sandboxConfigFor, wechatEnv } from '../../../../../scripts/demo-lib';
import { testEnv } from '../../test/server';
import { TEST_TEMPLATES } from '../../test/wechat';

/**
 * Kill -9 in the middle of dispatching 5,000 notices, start again, and count: nothing may be lost,
 * and anything sent twice can only come from the notices in flight at the moment of the kill.
 */
const TOTAL = 5_000;
const CONCURRENCY = 16;
const PARALLEL_BATCHES = 4;
const child = fileURLToPath(new URL('../../test/outbox-child.ts', import.meta.url));
const serverUrl = process.env.ZHANGYI_TEST_DATABASE_URL;

let sandbox: Sandbox;
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let openids: string[];

interface ChildLine {
  type: string;
  statuses?: { status: string; n: number }[];
  failed?: number;
  unanswered?: number;
}

function run(extraEnv: Record<string, string>, killWhen?: () => Promise<boolean>) {
  return new Promise<{ lines: ChildLine[]; killed: boolean }>((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      env: { ...process.env, ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: ChildLine[] = [];
    let stderr = '';
    let killed = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as ChildLine);
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let watcher: NodeJS.Timeout | undefined;
    if (killWhen) {
      watcher = setInterval(() => {
        void killWhen().then((yes) => {
          if (yes && !killed) {
            killed = true;
            proc.kill('SIGKILL');
          }
        });
      }, 100);
    }
    proc.on('exit', (code) => {
      clearInterval(watcher);
      if (killed || code === 0) resolve({ lines, killed });
      else reject(new Error(`child exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

async function templateMessages(): Promise<string[]> {
  const all: string[] = [];
  for (const openid of openids) {
    const response = await fetch(`${sandbox.url}/sandbox/api/users/${openid}/messages`);
    const messages = (await response.json()) as {
      kind: string;
      template?: { data: Record<string, { value: string }> };
    }[];
    for (const m of messages) if (m.kind === 'template') all.push(m.template!.data.keyword1!.value);
  }
  return all;
}

beforeAll(async () => {
  const secrets = createSecrets();
  sandbox = await createSandbox(
    sandboxConfigFor(secrets, {
      port: 0,
      callbackUrl: 'http://127.0.0.1:9/',
      timeScale: 0.001,
      templates: TEST_TEMPLATES,
    }) as never,
  );
  openids = [];
  for (let i = 0; i < 4; i += 1) {
    const response = await fetch(`${sandbox.url}/sandbox/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subscribed: true }),
    });
    openids.push(((await response.json()) as { openid: string }).openid);
  }
  let database: Record<string, string>;
  if (serverUrl) {
    const name = `zy_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'zy-crash-'));
    database = { DATA_DIR: join(dir, 'pglite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const base = testEnv();
  delete base.DATA_DIR;
  env = {
    ...base,
    ...database,
    ...wechatEnv(secrets, sandbox.url),
    // Short enough for a quick restart, long enough that no batch outlives its own claim.
    NOTIFY_LEASE_SECONDS: '8',
    NOTIFY_RATE_PER_SECOND: '0',
    NOTIFY_CONCURRENCY: String(CONCURRENCY),
    NOTIFY_PARALLEL_BATCHES: String(PARALLEL_BATCHES),
    OPENIDS: openids.join(','),
  };
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await cleanup?.();
});

describe('the outbox after a crash', () => {
  it('loses no notice when the dispatching process is killed with SIGKILL, and reports any sent twice', async () => {
    const first = await run(
      { ENQUEUE: String(TOTAL) },
      async () => (await templateMessages()).length >= TOTAL / 5,
    );
    expect(first.killed).toBe(true);
    const beforeRestart = (await templateMessages()).length;
    expect(beforeRestart).toBeGreaterThan(0);
    expect(beforeRestart).toBeLessThan(TOTAL);

    const second = await run({});
    const drained = second.lines.find((l) => l.type === 'drained')!;
    const byStatus = Object.fromEntries(drained.statuses!.map((s) => [s.status, Number(s.n)]));
    expect(byStatus).toEqual({ sent: TOTAL });

    const received = await templateMessages();
    const distinct = new Set(received);
    expect(distinct.size).toBe(TOTAL);
    const sentTwice = received.length - distinct.size;
    // A notice is sent again only when WeChat took it but its answer was never recorded: the
    // sends in flight at the kill, and sends that timed out (WeChat may have taken them).
    const unanswered = Number(drained.unanswered ?? 0);
    expect(sentTwice).toBeLessThanOrEqual(CONCURRENCY * PARALLEL_BATCHES + unanswered);
    console.info(
      `outbox crash test: ${TOTAL} notices, ${beforeRestart} delivered before SIGKILL, ${sentTwice} sent twice, ${unanswered} sends without an answer`,
    );
  }, 180_000);
});
