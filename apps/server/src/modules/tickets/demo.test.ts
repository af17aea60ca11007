import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../../demo/seed';
import { signIn, startTestServer, type TestServer } from '../../test/server';
import { notifications } from '../notifications/schema';
import { clientKey, contact, wechatUser } from './fixtures';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEMO_SEED: 'true' });
});
afterAll(() => server.close());

describe('the demo hospital’s fault reporting', () => {
  it('has labelled devices, and a scan-to-report reaches the engineer on duty', async () => {
    const manager = await signIn(server, 'manager', DEMO_PASSWORD);
    const devices = await server.app.inject({
      method: 'GET',
      url: '/api/admin/equipment/devices?q=IT-PRN-0001',
      headers: manager.headers,
    });
    const printer = devices.json().items[0];
    expect(printer).toMatchObject({
      categoryPath: '信息设备 / 打印机',
      label: { status: 'active' },
    });
    const token = printer.label.url.split('/r/')[1];

    const nurse = await wechatUser(server);
    const context = await server.app.inject({
      method: 'GET',
      url: `/api/repair/labels/${token}`,
      headers: nurse.headers,
    });
    expect(context.json().faultTypes.map((f: { name: string }) => f.name)).toEqual([
      '卡纸',
      '打印不清晰',
      '无法连接打印',
      '其他问题',
    ]);
    const reported = await server.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: nurse.headers,
      payload: {
        labelToken: token,
        faultTypeId: context.json().faultTypes[0].id,
        photoIds: [],
        clientKey: clientKey(),
        contact: contact(printer.departmentId, '陈静'),
      },
    });
    expect(reported.json().ticket.ticket.groupName).toBe('信息科工程师组');

    // The demo engineer binds his WeChat and gets the new-ticket notice next time.
    const engineer = await wechatUser(server);
    await server.app.inject({
      method: 'POST',
      url: '/api/staff-binding',
      headers: engineer.headers,
      payload: { username: 'engineer', password: DEMO_PASSWORD },
    });
    const second = await server.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: nurse.headers,
      payload: {
        deviceId: printer.id,
        photoIds: [],
        clientKey: clientKey(),
      },
    });
    expect(second.json().outcome).toBe('joined');
    const other = (
      await server.app.inject({
        method: 'GET',
        url: '/api/admin/equipment/devices?q=IT-PC-0001',
        headers: manager.headers,
      })
    ).json().items[0];
    await server.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: nurse.headers,
      payload: { deviceId: other.id, photoIds: [], clientKey: clientKey() },
    });
    const sent = await server.deps.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.recipientOpenid, engineer.openid),
          eq(notifications.kind, 'ticket_created'),
        ),
      );
    expect(sent).toHaveLength(1);
  });

  it('lets the administrator remove a staff member’s WeChat binding', async () => {
    const admin = await signIn(server, 'admin', DEMO_PASSWORD);
    const list = await server.app.inject({
      method: 'GET',
      url: '/api/admin/staff-bindings',
      headers: admin.headers,
    });
    const engineer = list.json().find((b: { username: string }) => b.username === 'engineer');
    expect(engineer).toMatchObject({ roles: ['engineer'] });
    const removed = await server.app.inject({
      method: 'DELETE',
      url: `/api/admin/staff-bindings/${engineer.accountId}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    const again = await server.app.inject({
      method: 'GET',
      url: '/api/admin/staff-bindings',
      headers: admin.headers,
    });
    expect(again.json()).toEqual([]);
  });
});
