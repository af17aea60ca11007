import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { PHOTO_MAX_BYTES } from '@zhangyi/contracts';
import { signIn, TEST_PASSWORD } from '../../test/server';
import { notifications } from '../notifications/schema';
import { clientKey, contact, openHospital, PNG, type Hospital, type WechatUser } from './fixtures';
import { handleInbound } from '../wechat/inbound';
import { auditLog } from '../audit/schema';
import { ticketDispatchRules, ticketEvents, ticketGroups, tickets } from './schema';

let h: Hospital;
let alice: WechatUser;

beforeAll(async () => {
  h = await openHospital();
  alice = await h.wechatUser();
});
afterAll(() => h.server.close());

const report = (user: WechatUser, body: Record<string, unknown>) =>
  h.asUser(user, {
    method: 'POST',
    url: '/api/tickets',
    payload: { photoIds: [], clientKey: clientKey(), ...body },
  });

const upload = (user: WechatUser, bytes: Buffer, type = 'image/jpeg') =>
  h.asUser(user, {
    method: 'POST',
    url: '/api/tickets/photos',
    headers: { 'content-type': type },
    payload: bytes,
  });

async function noticesTo(openid: string, kind?: string) {
  return h.server.deps.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientOpenid, openid),
        kind ? eq(notifications.kind, kind) : undefined,
      ),
    );
}

describe('staff WeChat binding', () => {
  it('binds with the staff password, refuses a wrong one, and one account per WeChat', async () => {
    const user = await h.wechatUser();
    const status = await h.asUser(user, { method: 'GET', url: '/api/staff-binding' });
    expect(status.json()).toEqual({ bound: false, account: null, boundAt: null });
    const wrong = await h.asUser(user, {
      method: 'POST',
      url: '/api/staff-binding',
      payload: { username: 'printer_eng', password: 'Wrong#Password1' },
    });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    // printer_eng is already bound to another WeChat.
    const taken = await h.asUser(user, {
      method: 'POST',
      url: '/api/staff-binding',
      payload: { username: 'printer_eng', password: TEST_PASSWORD },
    });
    expect(taken.json().error.code).toBe('STAFF_ALREADY_BOUND');
    const me = await h.asUser(h.printerEngineer.wechat, { method: 'GET', url: '/api/engineer/me' });
    expect(me.json()).toMatchObject({ displayName: 'printer_eng', onDuty: true, canManage: false });
    expect(me.json().groups).toEqual([expect.objectContaining({ name: '打印机组', isLead: true })]);
    const notStaff = await h.asUser(user, { method: 'GET', url: '/api/engineer/me' });
    expect(notStaff.json().error.code).toBe('STAFF_NOT_BOUND');
  });
});

describe('reporting after a label scan', () => {
  it('shows the device, its fault types and asks a new reporter for contact details once', async () => {
    await h.asManager({
      method: 'POST',
      url: '/api/admin/tickets/fault-types',
      payload: {
        parentId: null,
        name: '卡纸',
        categoryId: h.printerCategory,
        defaultUrgency: 'normal',
        sortOrder: 1,
        enabled: true,
      },
    });
    await h.asManager({
      method: 'POST',
      url: '/api/admin/tickets/fault-types',
      payload: {
        parentId: null,
        name: '无法开机',
        categoryId: h.pcCategory,
        defaultUrgency: 'urgent',
        sortOrder: 1,
        enabled: true,
      },
    });
    const context = await h.asUser(alice, {
      method: 'GET',
      url: `/api/repair/labels/${h.printer1Token}`,
    });
    expect(context.statusCode, context.body).toBe(200);
    expect(context.json()).toMatchObject({
      device: { assetNo: 'PRN-1', departmentName: '心内科' },
      openTicket: null,
      reporter: { kind: 'new' },
    });
    expect(context.json().faultTypes.map((f: { name: string }) => f.name)).toEqual(['卡纸']);

    const missing = await report(alice, { labelToken: h.printer1Token, description: '卡纸' });
    expect(missing.json().error.code).toBe('REPORTER_CONTACT_REQUIRED');
    expect(await h.server.deps.db.select().from(tickets)).toHaveLength(0);
  });

  it('creates one ticket for a double submission and tells the engineers on duty', async () => {
    const faultTypes = (
      await h.asUser(alice, { method: 'GET', url: `/api/repair/labels/${h.printer1Token}` })
    ).json().faultTypes;
    const key = clientKey();
    const body = {
      labelToken: h.printer1Token,
      faultTypeId: faultTypes[0].id,
      description: '一直卡纸',
      clientKey: key,
      contact: contact(h.ward),
    };
    const [first, second] = await Promise.all([report(alice, body), report(alice, body)]);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().ticket.ticket.id).toBe(first.json().ticket.ticket.id);
    const ticket = first.json().ticket;
    expect(first.json().outcome).toBe('created');
    expect(ticket.ticket).toMatchObject({
      status: 'submitted',
      source: 'label',
      groupName: '打印机组',
      departmentName: '心内科',
      faultTypeName: '卡纸',
      reporterName: '陈静',
    });
    expect(ticket.ticket.no).toMatch(/^BX\d{8}001$/);
    expect(ticket.viewer).toBe('reporter');
    expect(ticket.reporter.phoneMasked).toBe('139****1111');
    expect(await h.server.deps.db.select().from(tickets)).toHaveLength(1);
    // The printer engineer is on duty; the network engineer's group did not get the ticket.
    expect(await noticesTo(h.printerEngineer.wechat.openid, 'ticket_created')).toHaveLength(1);
    expect(await noticesTo(h.networkEngineer.wechat.openid, 'ticket_created')).toHaveLength(0);
    // Known from now on: no form the next time.
    const me = await h.asUser(alice, { method: 'GET', url: '/api/repair/me' });
    expect(me.json()).toMatchObject({ kind: 'known', name: '陈静', departmentName: '心内科' });
  });

  it('offers 我也遇到 on a device with an open ticket, and joins a second report to it', async () => {
    const bob = await h.wechatUser();
    const context = (
      await h.asUser(bob, { method: 'GET', url: `/api/repair/labels/${h.printer1Token}` })
    ).json();
    expect(context.openTicket).toMatchObject({ status: 'submitted', involved: false });
    const joined = await report(bob, {
      deviceId: h.printer1,
      description: '我这边也打不出来',
      contact: contact(h.ward, '王伟'),
    });
    expect(joined.json().outcome).toBe('joined');
    // Tapping submit again does not join twice.
    const key = clientKey();
    const twice = { deviceId: h.printer1, description: '还是不行', clientKey: key };
    const [a, b] = await Promise.all([report(bob, twice), report(bob, twice)]);
    expect([a.json().outcome, b.json().outcome]).toEqual(['joined', 'joined']);
    const joins = await h.server.deps.db
      .select()
      .from(ticketEvents)
      .where(
        and(eq(ticketEvents.ticketId, context.openTicket.id), eq(ticketEvents.note, '还是不行')),
      );
    expect(joins).toHaveLength(1);
    expect(joined.json().ticket.ticket.id).toBe(context.openTicket.id);
    expect(joined.json().ticket.viewer).toBe('follower');
    // The follower sees the reporter's name masked.
    expect(joined.json().ticket.ticket.reporterName).toBe('陈*');
    expect(await h.server.deps.db.select().from(tickets)).toHaveLength(1);
    const again = (
      await h.asUser(bob, { method: 'GET', url: `/api/repair/labels/${h.printer1Token}` })
    ).json();
    expect(again.openTicket).toMatchObject({ involved: true, followerCount: 1 });
    // The database itself holds one open ticket per device.
    await expect(
      h.server.deps.db.execute(
        sql`insert into tickets (no, device_id, department_id, urgency, status, source, reporter_openid, reporter_name, accept_due_at, resolve_due_at, created_at, updated_at)
            values ('X1', ${h.printer1}, ${h.ward}, 'normal', 'submitted', 'h5', 'x', 'x', now(), now(), now(), now())`,
      ),
    ).rejects.toThrow();
  });

  it('refuses a report through a revoked label, with a clear code', async () => {
    const label = (
      await h.asManager({ method: 'GET', url: `/api/admin/equipment/devices/${h.printer2}/label` })
    ).json();
    const token = label.url.split('/r/')[1];
    await h.asManager({
      method: 'POST',
      url: `/api/admin/equipment/devices/${h.printer2}/label/revoke`,
      payload: { reason: '标签被撕毁' },
    });
    const context = await h.asUser(alice, { method: 'GET', url: `/api/repair/labels/${token}` });
    expect(context.statusCode).toBe(410);
    expect(context.json().error.code).toBe('LABEL_REVOKED');
    const refused = await report(alice, { labelToken: token, description: '坏了' });
    expect(refused.json().error.code).toBe('LABEL_REVOKED');
  });
});

describe('photos', () => {
  it('accepts JPEG, PNG and WebP by their bytes and refuses anything else whatever its name', async () => {
    const user = await h.wechatUser();
    const png = await upload(user, PNG, 'image/png');
    expect(png.json()).toMatchObject({ contentType: 'image/png', size: PNG.length });
    // Declared as JPEG but the bytes are a PNG: stored as what it is.
    const relabelled = await upload(user, PNG, 'image/jpeg');
    expect(relabelled.json().contentType).toBe('image/png');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
    expect((await upload(user, jpeg)).json().contentType).toBe('image/jpeg');
    const webp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.alloc(4),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(50),
    ]);
    expect((await upload(user, webp, 'image/webp')).json().contentType).toBe('image/webp');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    expect((await upload(user, gif)).json().error.code).toBe('PHOTO_TYPE');
    const script = Buffer.from('<script>alert(1)</script>');
    expect((await upload(user, script, 'image/png')).json().error.code).toBe('PHOTO_TYPE');
  });

  it('refuses a photo over the size limit', async () => {
    const user = await h.wechatUser();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(PHOTO_MAX_BYTES)]);
    const response = await upload(user, big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PHOTO_TOO_LARGE');
    const exact = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.alloc(PHOTO_MAX_BYTES - 3),
    ]);
    expect((await upload(user, exact)).statusCode).toBe(200);
  });

  it('allows nine photos per report, no tenth, and only the uploader attaches or sees them', async () => {
    const user = await h.wechatUser();
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await upload(user, PNG, 'image/png')).json().id);
    const tenth = await upload(user, PNG, 'image/png');
    expect(tenth.statusCode).toBe(409);
    expect(tenth.json().error.code).toBe('PHOTO_LIMIT');
    const tooMany = await report(user, {
      deviceId: h.pc,
      photoIds: [...ids, ids[0]!.replace(/.$/, (c) => (c === '0' ? '1' : '0'))],
      contact: contact(h.icu, '李娜'),
    });
    expect(tooMany.statusCode).toBe(400);

    const stranger = await h.wechatUser();
    const seen = await h.asUser(stranger, { method: 'GET', url: `/api/tickets/photos/${ids[0]}` });
    expect(seen.statusCode).toBe(404);
    const stolen = await report(stranger, {
      deviceId: h.pc,
      photoIds: [ids[0]],
      contact: contact(h.icu, '赵强'),
    });
    expect(stolen.json().error.code).toBe('PHOTO_NOT_USABLE');

    const done = await report(user, {
      deviceId: h.pc,
      photoIds: ids,
      description: '开不了机',
      contact: contact(h.icu, '李娜'),
    });
    expect(done.statusCode, done.body).toBe(200);
    const detail = done.json().ticket;
    expect(detail.ticket.photoCount).toBe(9);
    expect(detail.events[0].photoIds).toHaveLength(9);
    // Urgency from the fault-type-less report defaults to normal; the PC went to the network group.
    expect(detail.ticket.groupName).toBe('网络组');
    const image = await h.asUser(h.networkEngineer.wechat, {
      method: 'GET',
      url: `/api/tickets/photos/${ids[0]}`,
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
  });
});

describe('who sees which ticket', () => {
  it('shows a ticket to its reporter, engineers of its group and managers; to nobody else', async () => {
    const [printerTicket] = await h.server.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.deviceId, h.printer1));
    const url = `/api/tickets/${printerTicket!.id}`;
    expect((await h.asUser(alice, { method: 'GET', url })).json().viewer).toBe('reporter');
    const engineerView = await h.asUser(h.printerEngineer.wechat, { method: 'GET', url });
    expect(engineerView.json().viewer).toBe('engineer');
    expect(engineerView.json().reporter.phone).toBe('13900001111');
    expect((await h.asUser(h.managerWechat, { method: 'GET', url })).json().viewer).toBe('manager');
    const admin = await h.asManager({
      method: 'GET',
      url: `/api/admin/tickets/${printerTicket!.id}`,
    });
    expect(admin.json().viewer).toBe('manager');

    const stranger = await h.wechatUser();
    expect((await h.asUser(stranger, { method: 'GET', url })).statusCode).toBe(404);
    // The network engineer is not in the printer group.
    expect((await h.asUser(h.networkEngineer.wechat, { method: 'GET', url })).statusCode).toBe(404);
    const queue = await h.asUser(h.networkEngineer.wechat, {
      method: 'GET',
      url: '/api/engineer/tickets?scope=group',
    });
    expect(queue.json().items.map((t: { deviceId: string }) => t.deviceId)).toEqual([h.pc]);
    // In the console too, an engineer lists only the tickets of his groups.
    const desk = await signIn(h.server, 'network_eng');
    const listed = await h.inject({
      method: 'GET',
      url: '/api/admin/tickets',
      headers: desk.headers,
    });
    expect(listed.json().items.map((t: { deviceId: string }) => t.deviceId)).toEqual([h.pc]);
    const direct = await h.inject({
      method: 'GET',
      url: `/api/admin/tickets/${printerTicket!.id}`,
      headers: desk.headers,
    });
    expect(direct.statusCode).toBe(404);
    const mine = await h.asUser(alice, { method: 'GET', url: '/api/tickets/mine' });
    expect(mine.json().items.map((t: { id: string }) => t.id)).toEqual([printerTicket!.id]);
  });
});

describe('notices', () => {
  it('sends the reporter one notice when accept and resolve come seconds apart', async () => {
    const user = await h.wechatUser();
    const created = await report(user, {
      deviceId: h.printer2,
      description: '缺墨',
      contact: contact(h.ward, '周敏'),
    });
    const id = created.json().ticket.ticket.id;
    const act = (body: Record<string, unknown>) =>
      h.asUser(h.printerEngineer.wechat, {
        method: 'POST',
        url: `/api/tickets/${id}/actions`,
        payload: body,
      });
    expect((await act({ action: 'accept' })).statusCode).toBe(200);
    h.server.clock.advance(5_000);
    expect((await act({ action: 'resolve', resolution: '更换硒鼓' })).statusCode).toBe(200);
    const toReporter = await noticesTo(user.openid);
    expect(toReporter.map((n) => [n.kind, n.status]).sort()).toEqual([
      ['ticket_accepted', 'skipped'],
      ['ticket_resolved', 'pending'],
    ]);
    expect(toReporter.find((n) => n.kind === 'ticket_accepted')!.lastError).toBe('superseded');
    expect(toReporter.find((n) => n.kind === 'ticket_resolved')!.data).toMatchObject({
      resolution: '更换硒鼓',
      ticketId: id,
    });
    // The engineer is not told of his own actions.
    const engineerNotices = await noticesTo(h.printerEngineer.wechat.openid);
    expect(engineerNotices.every((n) => n.kind === 'ticket_created')).toBe(true);
  });
});

describe('the console list', () => {
  it('filters by urgency, by fault type with its sub-types, and by device category', async () => {
    const create = async (body: Record<string, unknown>) =>
      (
        await h.asManager({ method: 'POST', url: '/api/admin/tickets/fault-types', payload: body })
      ).json().id as string;
    const paper = await create({
      parentId: null,
      name: '纸路故障',
      categoryId: h.printerCategory,
      defaultUrgency: 'normal',
      sortOrder: 9,
      enabled: true,
    });
    const jam = await create({
      parentId: paper,
      name: '进纸卡住',
      categoryId: h.printerCategory,
      defaultUrgency: 'normal',
      sortOrder: 1,
      enabled: true,
    });
    // Devices of their own, so that no open ticket of another test takes the reports in.
    const printer = await h.device('PRN-FILTER', h.printerCategory, h.ward);
    const pc = await h.device('PC-FILTER', h.pcCategory, h.icu);
    const user = await h.wechatUser();
    const filed = async (body: Record<string, unknown>) => {
      const response = await report(user, { contact: contact(h.ward, '吴芳'), ...body });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().ticket.ticket.id as string;
    };
    const jammed = await filed({ deviceId: printer, faultTypeId: jam, description: '卡纸' });
    const urgentPc = await filed({ deviceId: pc, description: '蓝屏', urgency: 'critical' });
    const ids = async (query: string) =>
      (await h.asManager({ method: 'GET', url: `/api/admin/tickets?pageSize=100&${query}` }))
        .json()
        .items.map((t: { id: string }) => t.id);

    expect(await ids(`faultTypeId=${paper}`)).toEqual([jammed]);
    expect(await ids(`faultTypeId=${jam}`)).toEqual([jammed]);
    const critical = await ids('urgency=critical');
    expect(critical).toContain(urgentPc);
    expect(critical).not.toContain(jammed);
    const printers = await ids(`categoryId=${h.printerCategory}`);
    expect(printers).toContain(jammed);
    expect(printers).not.toContain(urgentPc);
    expect(await ids(`categoryId=${h.pcCategory}&urgency=critical`)).toContain(urgentPc);
    const refused = await h.asManager({ method: 'GET', url: '/api/admin/tickets?urgency=soon' });
    expect(refused.statusCode).toBe(400);
  });
});

describe('engineer groups', () => {
  it('are removed with their rules, but not while they have open tickets', async () => {
    const created = await h.asManager({
      method: 'POST',
      url: '/api/admin/tickets/groups',
      payload: {
        name: '临时组',
        members: [{ accountId: h.networkEngineer.accountId, isLead: false }],
      },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    const groupId = created.json().id as string;
    const db = h.server.deps.db;
    await db
      .insert(ticketDispatchRules)
      .values({ groupId, categoryId: h.pcCategory, departmentId: h.icu, sortOrder: 99 });
    const user = await h.wechatUser();
    const filed = await report(user, {
      departmentId: h.icu,
      description: '呼叫器无声',
      contact: contact(h.icu, '郑丽'),
    });
    const ticketId = filed.json().ticket.ticket.id as string;
    await db.update(tickets).set({ groupId }).where(eq(tickets.id, ticketId));
    const remove = () =>
      h.asManager({ method: 'DELETE', url: `/api/admin/tickets/groups/${groupId}` });

    const refused = await remove();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'GROUP_IN_USE',
      details: { openTickets: 1 },
    });
    expect(await db.select().from(ticketGroups).where(eq(ticketGroups.id, groupId))).toHaveLength(
      1,
    );

    await db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, ticketId));
    expect((await remove()).statusCode).toBeLessThan(300);
    expect(await db.select().from(ticketGroups).where(eq(ticketGroups.id, groupId))).toHaveLength(
      0,
    );
    expect(
      await db.select().from(ticketDispatchRules).where(eq(ticketDispatchRules.groupId, groupId)),
    ).toHaveLength(0);
    const [kept] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(kept!.groupId).toBeNull();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'tickets.group_delete'), eq(auditLog.objectId, groupId)));
    expect(audits).toHaveLength(1);
    expect((await remove()).json().error.code).toBe('NOT_FOUND');
  });
});

describe('every page can read what it needs', () => {
  it('answers the console and H5 routes with their contract shapes', async () => {
    const today = new Date(h.server.clock.now().getTime() + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const consoleRoutes = [
      '/api/admin/tickets?status=open',
      '/api/admin/tickets?overdue=true&q=PRN',
      '/api/admin/tickets/assignees',
      '/api/admin/tickets/fault-types',
      '/api/admin/tickets/groups',
      '/api/admin/tickets/dispatch-rules',
      `/api/admin/tickets/roster?from=${today}&to=${today}`,
      '/api/admin/tickets/sla',
      '/api/admin/tickets/settings',
      '/api/admin/equipment/categories',
      '/api/admin/equipment/settings',
      `/api/admin/equipment/devices/${h.printer1}`,
      '/api/admin/equipment/devices?underRepair=true',
      '/api/admin/equipment/import-template.xlsx',
    ];
    for (const url of consoleRoutes) {
      const response = await h.asManager({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
    }
    const underRepair = await h.asManager({
      method: 'GET',
      url: '/api/admin/equipment/devices?underRepair=true',
    });
    expect(underRepair.json().items.every((d: { openTicket: unknown }) => d.openTicket)).toBe(true);
    const detail = await h.asManager({
      method: 'GET',
      url: `/api/admin/equipment/devices/${h.printer1}`,
    });
    expect(detail.json().tickets.length).toBeGreaterThanOrEqual(1);

    const h5Routes = [
      '/api/repair/departments',
      `/api/repair/devices?departmentId=${h.ward}`,
      '/api/repair/fault-types',
      '/api/repair/me',
      '/api/tickets/mine',
    ];
    for (const url of h5Routes) {
      const response = await h.asUser(alice, { method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
    }
    for (const scope of ['mine', 'unassigned', 'group', 'done', 'all']) {
      const response = await h.asUser(h.managerWechat, {
        method: 'GET',
        url: `/api/engineer/tickets?scope=${scope}`,
      });
      expect(response.statusCode, `${scope}: ${response.body.slice(0, 200)}`).toBe(200);
    }
    const assignees = await h.asUser(h.printerEngineer.wechat, {
      method: 'GET',
      url: '/api/engineer/assignees',
    });
    expect(assignees.json().map((a: { displayName: string }) => a.displayName)).toEqual(
      expect.arrayContaining(['printer_eng', 'network_eng', 'manager']),
    );
    const contactSaved = await h.asUser(alice, {
      method: 'PUT',
      url: '/api/repair/me',
      payload: contact(h.icu, '陈静'),
    });
    expect(contactSaved.json()).toMatchObject({ kind: 'known', departmentName: '重症医学科' });
    const sla = await h.asManager({
      method: 'PUT',
      url: '/api/admin/tickets/sla',
      payload: { targets: [{ urgency: 'normal', acceptMinutes: 20, resolveMinutes: 10 }] },
    });
    expect(sla.json().error.code).toBe('SLA_INVALID');
    const [pcTicket] = await h.server.deps.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.deviceId, h.pc), eq(tickets.status, 'submitted')));
    const carol = await h.wechatUser();
    const refused = await h.asUser(carol, {
      method: 'POST',
      url: `/api/tickets/${pcTicket!.id}/join`,
      payload: {},
    });
    expect(refused.json().error.code).toBe('REPORTER_CONTACT_REQUIRED');
    const joined = await h.asUser(carol, {
      method: 'POST',
      url: `/api/tickets/${pcTicket!.id}/join`,
      payload: { note: '隔壁也开不了机', contact: contact(h.icu, '孙悦') },
    });
    expect(joined.json()).toMatchObject({ viewer: 'follower', ticket: { followerCount: 1 } });
    const bindings = await h.asManager({ method: 'GET', url: '/api/admin/staff-bindings' });
    // Only administrators manage accounts; the equipment manager may not list bindings.
    expect(bindings.statusCode).toBe(403);
  });
});

describe('SLA escalation and auto-close', () => {
  it('escalates a ticket left unaccepted past its deadline once, to leads and managers', async () => {
    const user = await h.wechatUser();
    const created = await h.asManager({
      method: 'POST',
      url: '/api/admin/tickets',
      payload: {
        departmentId: h.icu,
        description: '网口无信号',
        urgency: 'urgent',
        reporterName: '前台电话',
        reporterPhone: '0571-1234',
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().ticket.id;
    expect(created.json().ticket.source).toBe('admin');
    expect(user.openid).toBeTruthy();
    h.server.clock.advance(16 * 60_000);
    const { escalateOverdue } = await import('./jobs');
    const first = await escalateOverdue(h.server.deps);
    expect(first.accept).toBeGreaterThanOrEqual(1);
    await escalateOverdue(h.server.deps);
    const events = await h.server.deps.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, id), eq(ticketEvents.action, 'escalate')));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ kind: 'accept' });
    const lead = await noticesTo(h.networkEngineer.wechat.openid, 'ticket_escalated');
    const manager = await noticesTo(h.managerWechat.openid, 'ticket_escalated');
    expect(lead.some((n) => n.data.ticketId === id)).toBe(true);
    expect(manager.some((n) => n.data.ticketId === id)).toBe(true);
  });

  it('closes a resolved ticket nobody confirmed after the configured hours', async () => {
    await h.asManager({
      method: 'PUT',
      url: '/api/admin/tickets/settings',
      payload: { autoCloseHours: 24 },
    });
    const [resolved] = await h.server.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.status, 'resolved'));
    h.server.clock.advance(25 * 3_600_000);
    const { autoCloseResolved } = await import('./jobs');
    expect(await autoCloseResolved(h.server.deps)).toBeGreaterThanOrEqual(1);
    const [after] = await h.server.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, resolved!.id));
    expect(after!.status).toBe('closed');
  });
});

describe('报修 by message', () => {
  it('answers with a link to the named device, or to the report page', async () => {
    const message = (content: string) =>
      handleInbound(h.server.deps, {
        kind: 'text',
        content,
        fromUserName: alice.openid,
        toUserName: 'gh_test',
        createTime: 0,
        msgId: '1',
      } as never);
    const named = await message('报修 PRN-1 卡纸了');
    expect(named).toMatchObject({ type: 'text' });
    expect((named as { content: string }).content).toContain(
      encodeURIComponent(`/h5/repair/device/${h.printer1}`),
    );
    const plain = await message('报修');
    expect((plain as { content: string }).content).toContain(encodeURIComponent('/h5/repair'));
    expect(await message('你好')).not.toMatchObject({ content: expect.stringContaining('报修') });
  });
});
