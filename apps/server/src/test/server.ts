import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Role } from '@zhangyi/contracts';
import { loadConfig, type Config } from '../config';
import { createServer, type Server } from '../server';
import { ManualClock } from '../lib/clock';
import { hashPassword } from '../lib/password';
import { staffAccounts } from '../modules/accounts/schema';

/**
 * Test databases: an in-memory PGlite per test file by default; when ZHANGYI_TEST_DATABASE_URL
 * names a PostgreSQL server, a fresh database on it per test file, dropped afterwards.
 */
const serverUrl = process.env.ZHANGYI_TEST_DATABASE_URL;

export const TEST_PASSWORD = 'Test#Password2026';

/** Environment for a test server; every secret random, logs silent. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    PII_HASH_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: 'memory://',
    PUBLIC_URL: 'http://localhost:3000',
    H5_DIST_DIR: '/nonexistent/h5',
    ADMIN_DIST_DIR: '/nonexistent/admin',
    ...overrides,
  };
}

async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zy_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestServer extends Server {
  clock: ManualClock;
  config: Config;
}

/** Starts the whole server (migrated database, all routes) for one test file. */
export async function startTestServer(
  overrides: Record<string, string> = {},
  options: { logLines?: string[] } = {},
): Promise<TestServer> {
  const scratch = serverUrl ? await createScratchDatabase() : undefined;
  const config = loadConfig(
    testEnv({ ...(scratch && { DATABASE_URL: scratch.url }), ...overrides }),
  );
  const clock = new ManualClock();
  const logLines = options.logLines;
  const server = await createServer(config, {
    clock,
    background: false,
    ...(logLines && { logDestination: { write: (line: string) => void logLines.push(line) } }),
  });
  return {
    ...server,
    clock,
    config,
    close: async () => {
      await server.close();
      await scratch?.drop();
    },
  };
}

/** Creates a staff account with TEST_PASSWORD directly in the database. */
export async function createStaff(
  server: Server,
  username: string,
  roles: Role[],
  extra: Partial<typeof staffAccounts.$inferInsert> = {},
): Promise<string> {
  const [row] = await server.deps.db
    .insert(staffAccounts)
    .values({
      username,
      displayName: username,
      roles,
      passwordHash: await hashPassword(TEST_PASSWORD),
      ...extra,
    })
    .returning({ id: staffAccounts.id });
  return row!.id;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
}

/** Signs in through the API and returns the cookie and CSRF header to send on later requests. */
export async function signIn(
  server: Server,
  username: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies[0]!;
  const cookie = `${setCookie.name}=${setCookie.value}`;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
