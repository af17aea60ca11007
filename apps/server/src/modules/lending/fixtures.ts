import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import {
  createStaff,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  type SignedIn,
  type TestServer,
} from '../../test/server';
import { departments } from '../directory/schema';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';
import { wechatUser, type WechatUser } from '../tickets/fixtures';

/**
 * A lending centre for tests: a ward and an ICU, ventilators (life-support, 10 元/h, minimum
 * 30 元) and monitors (50 元/day), two equipment managers (both bound to WeChat), a head nurse
 * of the ward and one of the ICU as applicants (bound to WeChat).
 */
export interface Centre {
  server: TestServer;
  ward: string;
  icu: string;
  ventilators: string;
  monitors: string;
  /** Ventilator device ids V1..V3 and monitor ids M1..M2. */
  v: string[];
  m: string[];
  token: (deviceId: string) => Promise<string>;
  manager: SignedIn;
  manager2: SignedIn;
  managerWechat: WechatUser;
  wardNurse: WechatUser;
  icuNurse: WechatUser;
  asManager: (o: InjectOptions) => Promise<LightMyRequestResponse>;
  asManager2: (o: InjectOptions) => Promise<LightMyRequestResponse>;
  as: (user: WechatUser, o: InjectOptions) => Promise<LightMyRequestResponse>;
  /** Moves the clock and opens fresh sessions (idle sessions expire as time passes). */
  advance: (ms: number) => Promise<void>;
}

/** A response body read loosely, as tests read it. */
export type Json = ReturnType<typeof JSON.parse>;

export async function ok<T = Json>(response: LightMyRequestResponse): Promise<T> {
  if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}

/** Opens the centre on a fresh test server. */
export async function openCentre(): Promise<Centre> {
  const server = await startTestServer();
  const db = server.deps.db;
  const now = server.clock.now();
  const [ward, icu] = await db
    .insert(departments)
    .values([
      { code: 'WARD', name: '心血管内科' },
      { code: 'ICU', name: '重症医学科' },
    ])
    .returning();
  const [medical] = await db
    .insert(equipmentCategories)
    .values({ code: 'MED', name: '医疗设备' })
    .returning();
  const [vent, mon] = await db
    .insert(equipmentCategories)
    .values([
      { code: 'VENT', name: '呼吸机', parentId: medical!.id },
      { code: 'MON', name: '监护仪', parentId: medical!.id },
    ])
    .returning();
  const device = async (assetNo: string, categoryId: string, price: number) =>
    (
      await db
        .insert(equipmentDevices)
        .values({
          assetNo,
          name: categoryId === vent!.id ? '呼吸机' : '监护仪',
          categoryId,
          brand: 'Acme',
          model: categoryId === vent!.id ? 'V500' : 'M20',
          status: 'idle',
          purchasePriceFen: price,
          inServiceFrom: '2025-01-01',
          createdAt: now,
          updatedAt: now,
        })
        .returning()
    )[0]!.id;
  const v = [
    await device('V1', vent!.id, 20_000_000),
    await device('V2', vent!.id, 20_000_000),
    await device('V3', vent!.id, 20_000_000),
  ];
  const m = [await device('M1', mon!.id, 3_000_000), await device('M2', mon!.id, 3_000_000)];

  await createStaff(server, 'manager', ['equipment_manager']);
  await createStaff(server, 'manager2', ['equipment_manager']);
  const manager = await signIn(server, 'manager');
  const manager2 = await signIn(server, 'manager2');
  const asManager = (o: InjectOptions) =>
    server.app.inject({ ...o, headers: { ...manager.headers, ...o.headers } });
  const asManager2 = (o: InjectOptions) =>
    server.app.inject({ ...o, headers: { ...manager2.headers, ...o.headers } });
  const as = (user: WechatUser, o: InjectOptions) =>
    server.app.inject({ ...o, headers: { ...user.headers, ...o.headers } });
  const bind = async (username: string) => {
    const user = await wechatUser(server);
    await ok(
      await as(user, {
        method: 'POST',
        url: '/api/staff-binding',
        payload: { username, password: TEST_PASSWORD },
      }),
    );
    return user;
  };
  const managerWechat = await bind('manager');
  const applicant = async (username: string, departmentId: string) => {
    const id = await createStaff(server, username, ['clinician']);
    await ok(
      await asManager({
        method: 'PUT',
        url: `/api/admin/lending/applicants/${id}`,
        payload: { departmentId },
      }),
    );
    return bind(username);
  };
  const wardNurse = await applicant('ward_nurse', ward!.id);
  const icuNurse = await applicant('icu_nurse', icu!.id);

  await ok(
    await asManager({
      method: 'PUT',
      url: `/api/admin/lending/categories/${vent!.id}`,
      payload: { lifeSupport: true, billingUnit: 'hour', rateFen: 1000, minimumFen: 3000 },
    }),
  );
  await ok(
    await asManager({
      method: 'PUT',
      url: `/api/admin/lending/categories/${mon!.id}`,
      payload: { lifeSupport: false, billingUnit: 'day', rateFen: 5000, minimumFen: 0 },
    }),
  );
  for (const id of [...v, ...m])
    await ok(
      await asManager({
        method: 'PUT',
        url: `/api/admin/lending/devices/${id}`,
        payload: {
          condition: 'ok',
          pmDueOn: null,
          calibrationDueOn: null,
          recallHold: false,
          recallNote: null,
        },
      }),
    );

  const token = async (deviceId: string) => {
    const label = await ok<{ url: string }>(
      await asManager({ method: 'GET', url: `/api/admin/equipment/devices/${deviceId}/label` }),
    );
    return label.url.split('/r/')[1]!;
  };
  const advance = async (ms: number) => {
    server.clock.advance(ms);
    Object.assign(manager, await signIn(server, 'manager'));
    Object.assign(manager2, await signIn(server, 'manager2'));
    for (const user of [managerWechat, wardNurse, icuNurse])
      Object.assign(user, await wechatUser(server, user.openid));
  };
  return {
    advance,
    server,
    ward: ward!.id,
    icu: icu!.id,
    ventilators: vent!.id,
    monitors: mon!.id,
    v,
    m,
    token,
    manager,
    manager2,
    managerWechat,
    wardNurse,
    icuNurse,
    asManager,
    asManager2,
    as,
  };
}

/** A request body with defaults. */
export const requestBody = (categoryId: string, extra: Record<string, unknown> = {}) => ({
  categoryId,
  quantity: 1,
  expectedHours: 8,
  purpose: '术后监护',
  urgency: 'normal',
  ...extra,
});
