// 07:00, release of the day a week ahead: 5,000 patients, each with their own WeChat session, book
// at the same instant — most of them one popular doctor's 30 online slots, the rest spread over
// 49 other doctors, arriving mixed. Before it, every patient has opened the doctor's page and
// their appointments (the server has been serving, as at a real 07:00). The server runs as its
// own process against a PostgreSQL server (a scratch database created and dropped here). Prints
// oversold slots (must be 0), bookings made, attempts per second, latency p50/p99 and the
// server's peak RSS; then the raw limit of the same server: the bare conditional single-row
// update `update … set remaining = remaining - 1 where … and remaining > 0`, run with the same
// number of patients and database connections.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/booking-rush.ts [patients]
//   RUSH_INSTANCES=2 …     several server instances behind a round-robin, as deployments scale
//   RUSH_CONNECTIONS=256 … keep-alive connections into the server (128)
//   RUSH_POOL=20 …         database connections, shared by the instances (10)
//   RUSH_PROFILE=1 …       CPU profiles of the server in /tmp/rush-prof
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Agent, request } from 'node:http';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../apps/server/src/db/schema';
import type { Db } from '../apps/server/src/db/client';
import type { Deps } from '../apps/server/src/context';
import { PiiCipher } from '../apps/server/src/lib/pii';
import { addDays, isoWeekday, localDate } from '../apps/server/src/lib/time';
import { generateSchedules } from '../apps/server/src/modules/booking/schedules';
import { residentIdCheckDigit } from '../apps/server/src/modules/patients/identity';
import { createSecrets, repoRoot, wechatEnv } from '../scripts/demo-lib';

const PATIENTS = Number(process.argv[2] ?? 5000);
const POPULAR_SHARE = 0.8;
const OTHER_DOCTORS = 49;
// Keep-alive connections into the server, as a reverse proxy's upstream pool holds them.
const CONNECTIONS = Number(process.env.RUSH_CONNECTIONS ?? 128);
// Database connections in all (the server's default DATABASE_POOL_SIZE is 10); the raw
// hot-row rate below is measured with as many.
const POOL_SIZE = Number(process.env.RUSH_POOL ?? 10);
const PORT = 3191;
const INSTANCES = Number(process.env.RUSH_INSTANCES ?? 1);
const INSTANCE_POOL = Math.max(4, Math.floor(POOL_SIZE / INSTANCES));
const TZ = 'Asia/Shanghai';

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `zy_rush_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const scratch = new URL(adminUrl);
scratch.pathname = `/${dbName}`;
const databaseUrl = scratch.toString();

const secrets = createSecrets();
const piiKey = randomBytes(32);
const piiHashKey = randomBytes(32);
const env = {
  ...process.env,
  ...wechatEnv(secrets, 'http://127.0.0.1:9'),
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: String(INSTANCE_POOL),
  SESSION_SECRET: secrets.sessionSecret,
  COOKIE_SECURE: 'false',
  PII_ENCRYPTION_KEYS: `k1:${piiKey.toString('base64')}`,
  PII_HASH_KEY: piiHashKey.toString('base64'),
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
  SCHEDULER_ENABLED: 'false',
  NOTIFY_DISPATCHER_ENABLED: 'false',
  LOG_LEVEL: process.env.RUSH_LOG_LEVEL ?? 'warn',
};
// The server exactly as `npm start` runs it, once per instance, on consecutive ports.
const servers = Array.from({ length: INSTANCES }, (_, i) =>
  spawn(
    process.execPath,
    [
      '--max-semi-space-size=4',
      ...(process.env.RUSH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/rush-prof'] : []),
      '--import',
      'tsx',
      'src/main.ts',
    ],
    {
      cwd: `${repoRoot}/apps/server`,
      env: { ...env, PORT: String(PORT + i), PUBLIC_URL: `http://127.0.0.1:${PORT + i}` },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  ),
);
const baseUrls = servers.map((_, i) => `http://127.0.0.1:${PORT + i}`);
for (const [index, url] of baseUrls.entries()) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      if (i > 600 || servers[index]!.exitCode !== null) {
        await admin.query(`drop database ${dbName} with (force)`);
        throw new Error('server did not start');
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- The hospital: a popular doctor and 49 others, one clinic each a week ahead ----
const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
pool.on('error', () => undefined);
const db = drizzle(pool, { schema }) as unknown as Db;
const clock = { now: () => new Date() };
const deps = { db, clock, config: { timeZone: TZ } } as unknown as Deps;
const visitDate = addDays(localDate(new Date(), TZ), 7);
const [department] = await db
  .insert(schema.departments)
  .values({ code: 'RUSH', name: '心血管内科' })
  .returning();
const doctorRows = await db
  .insert(schema.doctors)
  .values(
    Array.from({ length: OTHER_DOCTORS + 1 }, (_, i) => ({
      departmentId: department!.id,
      code: `RD${i}`,
      name: i === 0 ? '名医' : `医生${i}`,
      title: i === 0 ? '主任医师' : '主治医师',
    })),
  )
  .returning();
await db.insert(schema.scheduleTemplates).values(
  doctorRows.map((d, i) => ({
    doctorId: d.id,
    weekday: isoWeekday(visitDate),
    period: 'morning',
    clinicType: i === 0 ? 'specialist' : 'general',
    feeFen: i === 0 ? 5000 : 1000,
    // 60 numbers, half online: the popular doctor's 30 online slots; 40/20 for the others.
    slotCount: i === 0 ? 60 : 40,
    startTime: '08:00',
    endTime: '12:00',
    onlineRatioPercent: 50,
  })),
);
await generateSchedules(deps);
const scheduleRows = await db
  .select()
  .from(schema.schedules)
  .where(eq(schema.schedules.date, visitDate));
const popular = scheduleRows.find((s) => s.doctorId === doctorRows[0]!.id)!;
const others = scheduleRows.filter((s) => s.id !== popular.id);

// ---- 5,000 patients, each bound by a different WeChat user with an open session ----
const pii = new PiiCipher({ keys: [{ id: 'k1', key: piiKey }], hashKey: piiHashKey });
const now = new Date();
interface Person {
  cookie: string;
  csrf: string;
  patientId: string;
  scheduleId: string;
}
const people: Person[] = [];
const sign = (value: string) =>
  `${value}.${createHmac('sha256', secrets.sessionSecret).update(value).digest('base64').replace(/=+$/, '')}`;
for (let start = 0; start < PATIENTS; start += 1000) {
  const batch = Array.from({ length: Math.min(1000, PATIENTS - start) }, (_, k) => {
    const n = start + k;
    const first17 = `1101051980${String(n).padStart(7, '0')}`.slice(0, 17);
    const idNumber = first17 + residentIdCheckDigit(first17);
    return {
      n,
      openid: `oRush${String(n).padStart(23, '0')}`,
      idNumber,
      sessionId: randomBytes(32).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
      patientId: randomUUID(),
    };
  });
  await db.insert(schema.patients).values(
    batch.map((b) => ({
      id: b.patientId,
      ownerOpenid: b.openid,
      name: '患者',
      idType: 'resident_id',
      idNumberEncrypted: pii.encrypt(b.idNumber),
      idNumberHash: pii.lookupHash(`resident_id:${b.idNumber}`),
      birthDate: '1980-01-01',
      sex: 'male',
      phoneEncrypted: pii.encrypt('13900000000'),
      phoneHash: pii.lookupHash('13900000000'),
      relation: 'self',
      isDefault: true,
      consentVersion: 'bench',
      consentedAt: now,
      createdAt: now,
    })),
  );
  await db.insert(schema.wechatSessions).values(
    batch.map((b) => ({
      idHash: createHash('sha256').update(b.sessionId).digest('hex'),
      openid: b.openid,
      appId: secrets.wechat.appId,
      csrfToken: b.csrf,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    })),
  );
  for (const b of batch) {
    people.push({
      cookie: `zy_wx=${encodeURIComponent(sign(b.sessionId))}`,
      csrf: b.csrf,
      patientId: b.patientId,
      scheduleId: b.n < PATIENTS * POPULAR_SHARE ? popular.id : others[b.n % others.length]!.id,
    });
  }
}
// Patients of every doctor arrive mixed, not grouped by doctor (a fixed shuffle, run to run).
let seed = 7240;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (let i = people.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [people[i], people[j]] = [people[j]!, people[i]!];
}

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** Sends a request over the shared keep-alive agent (JSON when `payload` is given). */
let turn = 0;
function send(path: string, headers: Record<string, string>, payload?: unknown) {
  const baseUrl = baseUrls[turn++ % baseUrls.length]!;
  const body = payload === undefined ? '' : JSON.stringify(payload);
  return new Promise<{
    status: number;
    json: { status?: string; error?: { code: string } };
    /** From the moment the request had a connection and went out, to its answer. */
    serviceMs: number;
  }>((resolve, reject) => {
    let sentAt = 0;
    const req = request(
      `${baseUrl}${path}`,
      {
        method: payload === undefined ? 'GET' : 'POST',
        agent,
        headers: {
          ...headers,
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString()),
            serviceMs: performance.now() - sentAt,
          }),
        );
      },
    );
    req.on('socket', () => (sentAt = performance.now()));
    req.on('error', reject);
    req.end(body);
  });
}

// ---- Before the release: every patient has the doctor's page open and their appointments ----
// (the server has been serving; its pool and code paths are warm, as at a real 07:00)
await db
  .update(schema.schedules)
  .set({ releaseAt: new Date(Date.now() + 3_600_000) })
  .where(eq(schema.schedules.date, visitDate));
for (let start = 0; start < people.length; start += CONNECTIONS) {
  await Promise.all(
    people.slice(start, start + CONNECTIONS).map(async (p) => {
      const page = await send(`/api/public/schedules/${p.scheduleId}`, {});
      const mine = await send('/api/appointments', { cookie: p.cookie });
      if (page.status !== 200 || mine.status !== 200) throw new Error('warm-up request refused');
    }),
  );
}

// ---- The release instant ----
const releaseAt = new Date(Date.now() + 2000);
await db.update(schema.schedules).set({ releaseAt }).where(eq(schema.schedules.date, visitDate));
await new Promise((r) => setTimeout(r, releaseAt.getTime() - Date.now()));

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const serverCpuBefore = servers.reduce((sum, p) => sum + cpuSeconds(p.pid!), 0);
const benchCpuBefore = process.cpuUsage();
const outcomes = new Map<string, number>();
const latencies: number[] = [];
const serviceTimes: number[] = [];
const started = performance.now();
await Promise.all(
  people.map(async (p) => {
    const t0 = performance.now();
    const answer = await send(
      '/api/appointments',
      { cookie: p.cookie, 'x-csrf-token': p.csrf },
      { scheduleId: p.scheduleId, patientId: p.patientId },
    );
    latencies.push(performance.now() - t0);
    serviceTimes.push(answer.serviceMs);
    const { status, json } = answer;
    const key = status === 200 ? `${status} ${json.status}` : `${status} ${json.error?.code}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }),
);
const elapsed = (performance.now() - started) / 1000;
const serverCpu = servers.reduce((sum, p) => sum + cpuSeconds(p.pid!), 0) - serverCpuBefore;
const benchCpu = process.cpuUsage(benchCpuBefore);
console.error(`rush done in ${elapsed.toFixed(2)} s`);
const serverPeakRss = Math.max(
  ...servers.map((p) =>
    Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))?.[1] ?? 0),
  ),
);

// ---- Oversold? Every live appointment against its slot and its schedule's online pool ----
const [check] = (
  await pool.query<{ double_sold: string; over_pool: string; booked: string; popular: string }>(`
    select
      (select count(*) from (select slot_id from appointments
         where status in ('held','confirmed','checked_in') group by slot_id having count(*) > 1) d) as double_sold,
      (select count(*) from (select a.schedule_id from appointments a
         where a.status in ('held','confirmed','checked_in') group by a.schedule_id
         having count(*) > (select count(*) from slots s where s.schedule_id = a.schedule_id and s.pool = 'online')) o) as over_pool,
      (select count(*) from appointments where status in ('held','confirmed','checked_in')) as booked,
      (select count(*) from appointments where schedule_id = '${popular.id}' and status in ('held','confirmed','checked_in')) as popular`)
).rows;
const [{ count: slotMismatch }] = (
  await pool.query<{ count: string }>(`
    select count(*) from slots s where s.status in ('held','booked') and not exists
      (select 1 from appointments a where a.id = s.appointment_id and a.slot_id = s.id
         and a.status in ('held','confirmed','checked_in'))`)
).rows as [{ count: string }];
const onlineTotal = await db
  .select({ n: sql<number>`count(*)::int` })
  .from(schema.slots)
  .where(and(eq(schema.slots.pool, 'online')));

latencies.sort((a, b) => a - b);
serviceTimes.sort((a, b) => a - b);
const pct = (q: number, values = latencies) =>
  values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
// The ceiling of HTTP alone: the same server(s) answering a bare GET /healthz (no database), as
// many requests over the same connections.
const healthStarted = performance.now();
await Promise.all(people.map(() => send('/healthz', {})));
const healthzPerSecond = PATIENTS / ((performance.now() - healthStarted) / 1000);
for (const p of servers) {
  p.kill('SIGTERM');
  await new Promise((r) => p.once('exit', r));
}

// ---- The raw limit: the bare conditional update on one hot row, same server, same load ----
async function rawRate(remaining: number): Promise<number> {
  await pool.query('drop table if exists rush_counter');
  await pool.query('create table rush_counter (id int primary key, remaining int not null)');
  await pool.query('insert into rush_counter values (1, $1)', [remaining]);
  const raw = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  raw.on('error', () => undefined);
  await Promise.all(Array.from({ length: POOL_SIZE }, () => raw.query('select 1')));
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PATIENTS }, () =>
      raw.query('update rush_counter set remaining = remaining - 1 where id = 1 and remaining > 0'),
    ),
  );
  const rate = PATIENTS / ((performance.now() - t0) / 1000);
  await raw.end();
  return rate;
}
const rawScarce = await rawRate(30);
const rawAll = await rawRate(PATIENTS);

await pool.end();
await admin.query(`drop database ${dbName} with (force)`);
await admin.end();

const attemptsPerSecond = PATIENTS / elapsed;
const oversold = Number(check!.double_sold) + Number(check!.over_pool) + Number(slotMismatch);
console.log(
  `booking rush: ${PATIENTS} patients at the release instant, ${INSTANCES} server instance(s), PostgreSQL server`,
);
console.log(
  `  popular doctor: ${Math.round(PATIENTS * POPULAR_SHARE)} patients for 30 online slots; ` +
    `${PATIENTS - Math.round(PATIENTS * POPULAR_SHARE)} over ${others.length} others (${onlineTotal[0]!.n} online slots in all)`,
);
console.log(`  oversold:        ${oversold} (must be 0)`);
console.log(`  bookings made:   ${check!.booked} (popular doctor: ${check!.popular} of 30)`);
console.log(`  outcomes:        ${[...outcomes].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
console.log(`  attempts/s:      ${attemptsPerSecond.toFixed(0)} (${elapsed.toFixed(2)} s for all)`);
console.log(
  `  latency from the release instant (queued behind ${CONNECTIONS} connections): p50 ${pct(0.5).toFixed(0)} ms, p99 ${pct(0.99).toFixed(0)} ms`,
);
console.log(
  `  latency once sent (server and network): p50 ${pct(0.5, serviceTimes).toFixed(0)} ms, p99 ${pct(0.99, serviceTimes).toFixed(0)} ms`,
);
console.log(
  `  server peak RSS: ${(serverPeakRss / 1024).toFixed(0)} MB (per instance, the largest)`,
);
console.log(
  `  CPU during the rush: server ${serverCpu.toFixed(1)} s, load generator ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s`,
);
console.log(
  `  raw hot-row update: ${rawScarce.toFixed(0)}/s with 30 left (as in the rush), ` +
    `${rawAll.toFixed(0)}/s when every update takes the row (${POOL_SIZE} connections)`,
);
console.log(
  `  HTTP alone: ${healthzPerSecond.toFixed(0)} GET /healthz per second from the same server(s)`,
);
console.log(
  `  attempts/s vs raw: ${((attemptsPerSecond / rawScarce) * 100).toFixed(0)} % of the first, ` +
    `${((attemptsPerSecond / rawAll) * 100).toFixed(0)} % of the second (target ≥ 50 %); ` +
    `p99 target < 500 ms`,
);
if (oversold !== 0) process.exitCode = 1;
