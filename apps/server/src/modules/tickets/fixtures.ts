import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '@zhangyi/contracts';
import {
  createStaff,
  signIn,
  startTestServer,
  TEST_PASSWORD,
  type SignedIn,
  type TestServer,
} from '../../test/server';
import { departments } from '../directory/schema';
import { WECHAT_SESSION_COOKIE } from '../wechat/oauth';
import { openWechatSession } from '../wechat/sessions';

/**
 * A small hospital for ticket tests: two departments, printers and a PC, an engineer group per
 * kind of device with one engineer each (both bound to WeChat, the printer engineer on duty), an
 * equipment manager, and reporters in WeChat.
 */

export interface WechatUser {
  openid: string;
  headers: Record<string, string>;
}

export interface Hospital {
  server: TestServer;
  manager: SignedIn;
  ward: string;
  icu: string;
  printerCategory: string;
  pcCategory: string;
  printer1: string;
  printer2: string;
  pc: string;
  printerGroup: string;
  networkGroup: string;
  printerEngineer: { accountId: string; wechat: WechatUser };
  networkEngineer: { accountId: string; wechat: WechatUser };
  managerWechat: WechatUser;
  /** The label token of printer 1. */
  printer1Token: string;
  /** Registers another device (a printer or a workstation by its category); returns its id. */
  device: (assetNo: string, categoryId: string, departmentId: string) => Promise<string>;
  inject: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  asManager: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  wechatUser: () => Promise<WechatUser>;
  asUser: (user: WechatUser, options: InjectOptions) => Promise<LightMyRequestResponse>;
}

/** A WeChat user with an H5 session, as after OAuth. */
export async function wechatUser(server: TestServer, openid?: string): Promise<WechatUser> {
  const id = openid ?? `o${randomBytes(13).toString('hex')}`;
  const { sessionId } = await openWechatSession(server.deps, id);
  const cookie = `${WECHAT_SESSION_COOKIE}=${server.app.signCookie(sessionId)}`;
  const me = await server.app.inject({ method: 'GET', url: '/api/wechat/me', headers: { cookie } });
  return { openid: id, headers: { cookie, 'x-csrf-token': me.json().csrfToken } };
}

async function ok<T = unknown>(
  response: Awaited<ReturnType<TestServer['app']['inject']>>,
): Promise<T> {
  if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
  return (response.body ? response.json() : undefined) as T;
}

/** Builds the hospital on a fresh test server. */
export async function openHospital(overrides: Record<string, string> = {}): Promise<Hospital> {
  const server = await startTestServer(overrides);
  const inject = (options: InjectOptions) => server.app.inject(options);
  await createStaff(server, 'manager', ['equipment_manager']);
  const manager = await signIn(server, 'manager');
  const asManager = (options: InjectOptions) =>
    server.app.inject({ ...options, headers: { ...manager.headers, ...options.headers } });
  const asUser = (user: WechatUser, options: InjectOptions) =>
    server.app.inject({ ...options, headers: { ...user.headers, ...options.headers } });

  const [ward, icu] = await server.deps.db
    .insert(departments)
    .values([
      { code: 'WARD', name: '心内科' },
      { code: 'ICU', name: '重症医学科' },
    ])
    .returning();
  const category = async (code: string, name: string, parentId: string | null) =>
    (
      await ok<{ id: string }>(
        await asManager({
          method: 'POST',
          url: '/api/admin/equipment/categories',
          payload: { code, name, parentId, sortOrder: 0 },
        }),
      )
    ).id;
  const it = await category('IT', '信息设备', null);
  const printerCategory = await category('PRN', '打印机', it);
  const pcCategory = await category('PC', '计算机', it);
  const device = async (
    assetNo: string,
    categoryId: string,
    departmentId: string,
    model = 'M404',
  ) =>
    (
      await ok<{ id: string }>(
        await asManager({
          method: 'POST',
          url: '/api/admin/equipment/devices',
          payload: {
            assetNo,
            name: categoryId === printerCategory ? '激光打印机' : '医生工作站',
            categoryId,
            brand: 'HP',
            model,
            serialNo: null,
            departmentId,
            location: null,
            purchaseDate: null,
            warrantyEnd: null,
            supplier: null,
            purchasePriceFen: null,
            status: 'in_use',
            notes: null,
          },
        }),
      )
    ).id;
  const printer1 = await device('PRN-1', printerCategory, ward!.id, 'M404');
  const printer2 = await device('PRN-2', printerCategory, ward!.id, 'M404');
  const pc = await device('PC-1', pcCategory, icu!.id, 'ProDesk');

  const engineer = async (username: string) => {
    const accountId = await createStaff(server, username, ['engineer'] as Role[]);
    const wechat = await wechatUser(server);
    await ok(
      await asUser(wechat, {
        method: 'POST',
        url: '/api/staff-binding',
        payload: { username, password: TEST_PASSWORD },
      }),
    );
    return { accountId, wechat };
  };
  const printerEngineer = await engineer('printer_eng');
  const networkEngineer = await engineer('network_eng');
  const managerWechat = await wechatUser(server);
  await ok(
    await asUser(managerWechat, {
      method: 'POST',
      url: '/api/staff-binding',
      payload: { username: 'manager', password: TEST_PASSWORD },
    }),
  );
  const group = async (name: string, accountId: string) =>
    (
      await ok<{ id: string }>(
        await asManager({
          method: 'POST',
          url: '/api/admin/tickets/groups',
          payload: { name, members: [{ accountId, isLead: true }] },
        }),
      )
    ).id;
  const printerGroup = await group('打印机组', printerEngineer.accountId);
  const networkGroup = await group('网络组', networkEngineer.accountId);
  await ok(
    await asManager({
      method: 'PUT',
      url: '/api/admin/tickets/dispatch-rules',
      payload: {
        rules: [
          { categoryId: printerCategory, departmentId: null, groupId: printerGroup },
          { categoryId: null, departmentId: null, groupId: networkGroup },
        ],
      },
    }),
  );
  const now = server.clock.now().getTime();
  await ok(
    await asManager({
      method: 'POST',
      url: '/api/admin/tickets/roster',
      payload: {
        groupId: printerGroup,
        accountId: printerEngineer.accountId,
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + 3 * 86_400_000).toISOString(),
      },
    }),
  );
  const label = await ok<{ url: string }>(
    await asManager({ method: 'GET', url: `/api/admin/equipment/devices/${printer1}/label` }),
  );
  return {
    server,
    manager,
    ward: ward!.id,
    icu: icu!.id,
    printerCategory,
    pcCategory,
    printer1,
    printer2,
    pc,
    printerGroup,
    networkGroup,
    printerEngineer,
    networkEngineer,
    managerWechat,
    printer1Token: label.url.split('/r/')[1]!,
    inject,
    asManager,
    wechatUser: () => wechatUser(server),
    asUser,
    device,
  };
}

/** Contact details of a first-time reporter in a department. */
export const contact = (departmentId: string, name = '陈静') => ({
  name,
  phone: '13900001111',
  departmentId,
});

/** A fresh client key, as the report page makes one per form. */
export const clientKey = () => randomBytes(9).toString('base64url');

/** A tiny valid PNG (1×1 pixel). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
