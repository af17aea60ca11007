import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog } from '../audit/schema';
import { staffAccounts } from './schema';
import {
  createStaff,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  type SignedIn,
  type TestServer,
} from '../../test/server';

let server: TestServer;
let admin: SignedIn;

beforeAll(async () => {
  server = await startTestServer({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' });
  await createStaff(server, 'admin', ['admin']);
  admin = await signIn(server, 'admin');
});
afterAll(() => server.close());

const login = (username: string, password: string) =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

async function auditRows(action: string, objectId?: string) {
  return server.deps.db
    .select()
    .from(auditLog)
    .where(
      objectId
        ? and(eq(auditLog.action, action), eq(auditLog.objectId, objectId))
        : eq(auditLog.action, action),
    );
}

describe('sign-in', () => {
  it('sets a signed httpOnly SameSite cookie and returns the CSRF token', async () => {
    await createStaff(server, 'cookie.check', ['engineer']);
    const response = await login('cookie.check', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies[0]!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value).toContain('.'); // signed
    expect(response.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(response.json().account.roles).toEqual(['engineer']);
    expect(response.json().permissions).toEqual([
      'dashboard.read',
      'notifications.read',
      'jobs.read',
      'equipment.read',
      'tickets.work',
    ]);
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const id = await createStaff(server, 'same.answer', ['clinician']);
    const unknown = await login('nobody.here', 'whatever');
    const wrong = await login('same.answer', 'wrong password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    const audits = await auditRows('auth.sign_in', id);
    expect(audits.map((a) => a.result)).toEqual(['failure']);
  });

  it('locks the account after five failures, even against the right password, for 30 minutes', async () => {
    const id = await createStaff(server, 'lock.me', ['engineer']);
    for (let i = 0; i < 5; i += 1) expect((await login('lock.me', 'wrong')).statusCode).toBe(401);
    const locked = await login('lock.me', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(await auditRows('auth.lockout', id)).toHaveLength(1);
    server.clock.advance(29 * 60_000);
    expect((await login('lock.me', TEST_PASSWORD)).statusCode).toBe(423);
    server.clock.advance(2 * 60_000);
    expect((await login('lock.me', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('starts a new failure window when the old one is over', async () => {
    await createStaff(server, 'slow.typist', ['engineer']);
    for (let i = 0; i < 4; i += 1) await login('slow.typist', 'wrong');
    server.clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i += 1) await login('slow.typist', 'wrong');
    expect((await login('slow.typist', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    await createStaff(server, 'gone.away', ['engineer'], { disabled: true });
    const response = await login('gone.away', TEST_PASSWORD);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it('limits sign-in attempts per IP address', async () => {
    const limited = await startTestServer({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '20' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 21; i += 1) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'nobody', password: 'x' },
        });
        codes.push(response.statusCode);
        if (i === 20) {
          expect(response.json().error.code).toBe('RATE_LIMITED');
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
      expect(codes[20]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('ends at sign-out: the old cookie no longer works', async () => {
    await createStaff(server, 'leaver', ['admin']);
    const session = await signIn(server, 'leaver');
    const out = await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: session.headers,
    });
    expect(out.statusCode).toBe(204);
    const replay = await server.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: session.headers,
    });
    expect(replay.statusCode).toBe(401);
  });

  it('changes the session id at sign-in and ends the previous one', async () => {
    await createStaff(server, 'twice', ['engineer']);
    const first = await signIn(server, 'twice');
    const again = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'twice', password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect(`${again.cookies[0]!.name}=${again.cookies[0]!.value}`).not.toBe(first.cookie);
    const old = await server.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: first.headers,
    });
    expect(old.statusCode).toBe(401);
  });

  it('expires after 30 idle minutes', async () => {
    await createStaff(server, 'idle.one', ['engineer']);
    const session = await signIn(server, 'idle.one');
    server.clock.advance(20 * 60_000);
    expect(
      (
        await server.app.inject({
          method: 'GET',
          url: '/api/auth/session',
          headers: session.headers,
        })
      ).statusCode,
    ).toBe(200);
    server.clock.advance(31 * 60_000);
    const expired = await server.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: session.headers,
    });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('expires after 12 hours however active', async () => {
    await createStaff(server, 'busy.one', ['engineer']);
    const session = await signIn(server, 'busy.one');
    for (let hour = 0; hour < 12 * 4; hour += 1) {
      server.clock.advance(15 * 60_000);
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/auth/session',
        headers: session.headers,
      });
      if (hour < 12 * 4 - 1) expect(response.statusCode).toBe(200);
      else expect(response.json().error.code).toBe('SESSION_EXPIRED');
    }
  });

  it('ignores a cookie whose signature was tampered with', async () => {
    const [name, value] = admin.cookie.split('=');
    const forged = `${name}=${value!.slice(0, -2)}xx`;
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: forged },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('account administration', () => {
  // Earlier tests move the clock past the idle timeout; start each test with a fresh session.
  beforeEach(async () => {
    admin = await signIn(server, 'admin');
  });

  it('creates an account with the phone encrypted at rest and masked in the answer', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: admin.headers,
      payload: {
        username: 'new.nurse',
        displayName: '新护士',
        password: 'Strong#Password99',
        roles: ['clinician'],
        phone: '13912345678',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().phoneMasked).toBe('139****5678');
    expect(response.body).not.toContain('13912345678');
    const raw = await server.deps.db.execute(
      sql`select * from staff_accounts where username = 'new.nurse'`,
    );
    expect(JSON.stringify(raw)).not.toContain('13912345678');
    const [row] = await server.deps.db
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.username, 'new.nurse'));
    expect(server.deps.pii.decrypt(row!.phoneEncrypted!)).toBe('13912345678');
    expect(row!.phoneHash).toBe(server.deps.pii.lookupHash('13912345678'));
    expect(await auditRows('account.create', row!.id)).toHaveLength(1);
  });

  it('refuses a weak password with PASSWORD_POLICY and a taken username with USERNAME_TAKEN', async () => {
    const weak = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: admin.headers,
      payload: {
        username: 'weak.one',
        displayName: 'x',
        password: 'password1234',
        roles: ['engineer'],
      },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    const taken = await server.app.inject({
      method: 'POST',
      url: '/api/admin/accounts',
      headers: admin.headers,
      payload: {
        username: 'admin',
        displayName: 'x',
        password: 'Strong#Password99',
        roles: ['engineer'],
      },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('USERNAME_TAKEN');
  });

  it('refuses staff without the admin role, and audits the refusal', async () => {
    const id = await createStaff(server, 'curious.engineer', ['engineer']);
    const engineer = await signIn(server, 'curious.engineer');
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/admin/accounts',
      headers: engineer.headers,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    const denied = await server.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorId, id)));
    expect(denied).toHaveLength(1);
  });

  it('lists accounts with search and pagination, masking phones, and audits the read', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/admin/accounts?search=nurse&page=1&pageSize=5',
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((a: { username: string }) => a.username)).toEqual(['new.nurse']);
    expect(body.items[0].phoneMasked).toBe('139****5678');
    expect(body.items[0].passwordHash).toBeUndefined();
    expect((await auditRows('account.list')).length).toBeGreaterThan(0);
  });

  it('ends the sessions of an account whose roles change', async () => {
    const id = await createStaff(server, 'promoted', ['engineer']);
    const session = await signIn(server, 'promoted');
    const response = await server.app.inject({
      method: 'PATCH',
      url: `/api/admin/accounts/${id}`,
      headers: admin.headers,
      payload: { roles: ['engineer', 'equipment_manager'] },
    });
    expect(response.statusCode).toBe(200);
    const old = await server.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: session.headers,
    });
    expect(old.statusCode).toBe(401);
  });

  it('keeps the last active administrator', async () => {
    const fresh = await startTestServer();
    try {
      const id = await createStaff(fresh, 'only.admin', ['admin']);
      const session = await signIn(fresh, 'only.admin');
      const response = await fresh.app.inject({
        method: 'PATCH',
        url: `/api/admin/accounts/${id}`,
        headers: session.headers,
        payload: { disabled: true },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.code).toBe('LAST_ADMIN');
    } finally {
      await fresh.close();
    }
  });

  it('answers NOT_FOUND for an account id that does not exist', async () => {
    const response = await server.app.inject({
      method: 'PATCH',
      url: '/api/admin/accounts/00000000-0000-4000-8000-000000000000',
      headers: admin.headers,
      payload: { displayName: 'ghost' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

describe('the audit log', () => {
  it('cannot be rewritten or deleted by the application', async () => {
    const failure = (statement: ReturnType<typeof sql>) =>
      server.deps.db.execute(statement).then(
        () => 'succeeded',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await failure(sql`update audit_log set result = 'success'`)).toMatch(/append-only/);
    expect(await failure(sql`delete from audit_log`)).toMatch(/append-only/);
  });

  it('never records a password', async () => {
    const rows = await server.deps.db.select().from(auditLog);
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
  });
});
