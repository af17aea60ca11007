import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickStaff } from './picker';
import { staffAccounts } from './schema';
import {
  createStaff,
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../test/server';

let server: TestServer;
let manager: SignedIn;

beforeAll(async () => {
  server = await startTestServer({ SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000' });
  await createStaff(server, 'eq.manager', ['equipment_manager'], { displayName: '设备科 周主任' });
  manager = await signIn(server, 'eq.manager');
  await createStaff(server, 'eng.wang', ['engineer'], { displayName: '王工' });
  await createStaff(server, 'eng.lead', ['engineer', 'equipment_manager'], {
    displayName: '赵组长',
  });
  await createStaff(server, 'nurse.li', ['clinician'], { displayName: '李卫红 Head Nurse' });
  await createStaff(server, 'doctor.li', ['doctor'], { displayName: '李医生' });
});
afterAll(() => server.close());

interface Pick {
  id: string;
  displayName: string;
  username: string;
  roles: string[];
}

function pick(query: string, who: SignedIn = manager) {
  return server.app.inject({
    method: 'GET',
    url: `/api/admin/staff/picker${query}`,
    headers: who.headers,
  });
}

async function picked(query: string): Promise<Pick[]> {
  const response = await pick(query);
  expect(response.statusCode).toBe(200);
  return response.json() as Pick[];
}

describe('the staff picker', () => {
  it('gives an equipment manager the engineers, and only them, with role=engineer', async () => {
    const engineers = await picked('?role=engineer');
    expect(engineers.map((p) => p.username).sort()).toEqual(['eng.lead', 'eng.wang']);
    expect(engineers.find((p) => p.username === 'eng.lead')?.roles).toEqual([
      'engineer',
      'equipment_manager',
    ]);
  });

  it('finds a clinician by part of the name in any case, or by username', async () => {
    const byName = await picked(`?search=${encodeURIComponent('head NURSE')}`);
    expect(byName.map((p) => p.username)).toEqual(['nurse.li']);
    const byChinese = await picked(`?search=${encodeURIComponent('李')}&role=clinician`);
    expect(byChinese.map((p) => p.username)).toEqual(['nurse.li']);
    const byUsername = await picked('?search=NURSE.L');
    expect(byUsername.map((p) => p.displayName)).toEqual(['李卫红 Head Nurse']);
  });

  it('takes % and _ in the search text literally', async () => {
    expect(await picked(`?search=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await picked('?search=_')).toEqual([]);
  });

  it('answers id, name, username and roles only: no phone, lock state or sign-in times', async () => {
    await createStaff(server, 'phone.holder', ['clinician'], {
      displayName: '有手机的护士',
      phoneEncrypted: server.deps.pii.encrypt('13912345678'),
      phoneHash: server.deps.pii.lookupHash('13912345678'),
      lastSignInAt: new Date(),
    });
    const response = await pick(`?search=${encodeURIComponent('有手机')}`);
    expect(response.statusCode).toBe(200);
    const [person] = response.json() as Record<string, unknown>[];
    expect(Object.keys(person!).sort()).toEqual(['displayName', 'id', 'roles', 'username']);
    expect(response.body).not.toContain('5678');
    // The operation itself, not only the response schema, leaves the rest of the row behind.
    const [row] = await pickStaff(server.deps.db, { search: '有手机' });
    expect(Object.keys(row!).sort()).toEqual(['displayName', 'id', 'roles', 'username']);
  });

  it('never offers a disabled account', async () => {
    await createStaff(server, 'eng.left', ['engineer'], {
      displayName: '已离职工程师',
      disabled: true,
    });
    expect((await picked('?role=engineer')).map((p) => p.username)).not.toContain('eng.left');
    expect(await picked(`?search=${encodeURIComponent('已离职')}`)).toEqual([]);
  });

  it('still offers an account locked for a while after failed sign-ins, without saying so', async () => {
    await createStaff(server, 'eng.mistyped', ['engineer'], {
      displayName: '输错密码的工程师',
      lockedUntil: new Date(server.clock.now().getTime() + 30 * 60_000),
    });
    const [person] = await picked(`?search=${encodeURIComponent('输错密码')}`);
    expect(person?.username).toBe('eng.mistyped');
    expect(person).not.toHaveProperty('lockedUntil');
  });

  it('answers at most 50, by name', async () => {
    // Straight into the table: 55 password hashes would only slow the test down.
    await server.deps.db.insert(staffAccounts).values(
      Array.from({ length: 55 }, (_, i) => ({
        username: `bulk.${String(i).padStart(2, '0')}`,
        displayName: `批量 ${String(54 - i).padStart(2, '0')}`,
        passwordHash: 'not-a-hash',
        roles: ['clinician'],
      })),
    );
    const bulk = await picked(`?search=${encodeURIComponent('批量')}`);
    expect(bulk).toHaveLength(50);
    expect(bulk[0]!.displayName).toBe('批量 00');
    expect(bulk[49]!.displayName).toBe('批量 49');
  });

  it('gives an administrator the same answer', async () => {
    await createStaff(server, 'site.admin', ['admin'], { displayName: '管理员' });
    const admin = await signIn(server, 'site.admin');
    const response = await pick('?role=engineer', admin);
    expect(response.statusCode).toBe(200);
    expect((response.json() as Pick[]).map((p) => p.username).sort()).toEqual([
      'eng.lead',
      'eng.mistyped',
      'eng.wang',
    ]);
  });

  it('refuses clinicians and engineers with FORBIDDEN, and anonymous callers', async () => {
    const clinician = await signIn(server, 'nurse.li');
    const engineer = await signIn(server, 'eng.wang');
    for (const who of [clinician, engineer]) {
      const response = await pick('?role=engineer', who);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/admin/staff/picker' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses an unknown query field or role', async () => {
    expect((await pick('?pageSize=500')).statusCode).toBe(400);
    expect((await pick('?role=janitor')).statusCode).toBe(400);
  });
});
