import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { notifications } from '../notifications/schema';
import { tickets } from '../tickets/schema';
import { remindOverdue, remindUnconfirmed } from './jobs';
import { lendingLoanDevices, lendingDevices } from './schema';
import { openCentre, ok, requestBody, type Centre, type Json } from './fixtures';

let c: Centre;
beforeAll(async () => {
  c = await openCentre();
});
afterAll(async () => {
  await c.server.close();
});

const HOUR = 3_600_000;

/** A ward request approved by the manager; returns the loan id. */
async function approvedLoan(categoryId: string, extra: Record<string, unknown> = {}) {
  const loan = await ok(
    await c.as(c.wardNurse, {
      method: 'POST',
      url: '/api/lending/loans',
      payload: requestBody(categoryId, extra),
    }),
  );
  await ok(
    await c.asManager({
      method: 'POST',
      url: `/api/admin/lending/loans/${loan.id}/approve`,
      payload: {},
    }),
  );
  return loan.id as string;
}
const handover = (loanId: string, labelToken: string, extra: Record<string, unknown> = {}) =>
  c.asManager({
    method: 'POST',
    url: `/api/admin/lending/loans/${loanId}/handover`,
    payload: { labelToken, ...extra },
  });
const giveBack = async (labelToken: string, condition = 'ok') =>
  ok(
    await c.asManager({
      method: 'POST',
      url: '/api/admin/lending/returns',
      payload: { labelToken, condition },
    }),
  );
const disinfect = async (labelToken: string) =>
  ok(
    await c.asManager({
      method: 'POST',
      url: '/api/admin/lending/disinfections',
      payload: { labelToken },
    }),
  );
const setFacts = (deviceId: string, facts: Record<string, unknown>) =>
  c.asManager({
    method: 'PUT',
    url: `/api/admin/lending/devices/${deviceId}`,
    payload: {
      condition: 'ok',
      pmDueOn: null,
      calibrationDueOn: null,
      recallHold: false,
      recallNote: null,
      ...facts,
    },
  });
const device = async (deviceId: string) =>
  (await ok<Json[]>(await c.asManager({ method: 'GET', url: '/api/admin/lending/devices' }))).find(
    (d) => d.deviceId === deviceId,
  );

describe('the loan lifecycle', () => {
  it('runs request → approve → handover by scan → return request → return → disinfection, with events and a charge', async () => {
    const m1 = await c.token(c.m[0]!);
    const loanId = await approvedLoan(c.monitors);
    const handed = await ok(await handover(loanId, m1));
    expect(handed.status).toBe('handed_over');
    expect((await device(c.m[0]!)).custody.departmentId).toBe(c.ward);
    await c.advance(25 * HOUR);
    await ok(
      await c.as(c.wardNurse, {
        method: 'POST',
        url: `/api/lending/loans/${loanId}/return-request`,
        payload: {},
      }),
    );
    const back = await giveBack(m1);
    expect(back.loan.status).toBe('returned');
    expect(back.loan.devices[0].chargeFen).toBe(10_000); // 25 h → two started days × 50 元
    expect((await device(c.m[0]!)).blockers).toEqual(['awaiting_disinfection']);
    await disinfect(m1);
    const done = await ok(
      await c.as(c.wardNurse, { method: 'GET', url: `/api/lending/loans/${loanId}` }),
    );
    expect(done.status).toBe('disinfected');
    expect(done.events.map((e: Json) => e.action)).toEqual([
      'request',
      'approve',
      'handover',
      'request_return',
      'return',
      'disinfect',
    ]);
    expect(done.actions).toEqual([]);
    expect((await device(c.m[0]!)).readiness).toBe('available');
  });

  it('refuses every step the table does not allow, and changes nothing', async () => {
    const loan = await ok(
      await c.as(c.wardNurse, {
        method: 'POST',
        url: '/api/lending/loans',
        payload: requestBody(c.monitors),
      }),
    );
    const m2 = await c.token(c.m[1]!);
    // requested: no handover, no return request, no confirm
    expect((await handover(loan.id, m2)).json().error.code).toBe('LOAN_STATE');
    expect(
      (
        await c.as(c.wardNurse, {
          method: 'POST',
          url: `/api/lending/loans/${loan.id}/return-request`,
          payload: {},
        })
      ).json().error.code,
    ).toBe('LOAN_STATE');
    expect(
      (
        await c.asManager({
          method: 'POST',
          url: `/api/admin/lending/loans/${loan.id}/confirm`,
          payload: {},
        })
      ).json().error.code,
    ).toBe('LOAN_STATE');
    // an applicant may not approve
    expect(
      (
        await c.as(c.wardNurse, {
          method: 'POST',
          url: `/api/lending/loans/${loan.id}/approve`,
          payload: {},
        })
      ).json().error.code,
    ).toBe('FORBIDDEN');
    await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${loan.id}/reject`,
        payload: { reason: '暂无可用设备' },
      }),
    );
    for (const action of ['approve', 'reject', 'cancel'])
      expect(
        (
          await c.asManager({
            method: 'POST',
            url: `/api/admin/lending/loans/${loan.id}/${action}`,
            payload: action === 'reject' ? { reason: 'x' } : {},
          })
        ).json().error.code,
      ).toBe('LOAN_STATE');
    const after = await ok(
      await c.as(c.wardNurse, { method: 'GET', url: `/api/lending/loans/${loan.id}` }),
    );
    expect(after.status).toBe('rejected');
    expect(after.rejectReason).toBe('暂无可用设备');
    expect(after.events).toHaveLength(2);

    // approved → cancelled by the applicant; handed over cannot be cancelled
    const second = await approvedLoan(c.monitors);
    await ok(
      await c.as(c.wardNurse, {
        method: 'POST',
        url: `/api/lending/loans/${second}/cancel`,
        payload: {},
      }),
    );
    const third = await approvedLoan(c.monitors);
    await ok(await handover(third, m2));
    expect(
      (
        await c.as(c.wardNurse, {
          method: 'POST',
          url: `/api/lending/loans/${third}/cancel`,
          payload: {},
        })
      ).json().error.code,
    ).toBe('LOAN_STATE');
    // a second device on a loan of one
    expect((await handover(third, await c.token(c.m[0]!))).json().error.code).toBe(
      'LOAN_QUANTITY_REACHED',
    );
    // returned without a return request: always accepted
    expect((await giveBack(m2)).loan.status).toBe('returned');
    expect(
      (
        await c.asManager({
          method: 'POST',
          url: '/api/admin/lending/returns',
          payload: { labelToken: m2, condition: 'ok' },
        })
      ).json().error.code,
    ).toBe('DEVICE_NOT_ON_LOAN');
    await disinfect(m2);
    expect(
      (
        await c.asManager({
          method: 'POST',
          url: '/api/admin/lending/disinfections',
          payload: { labelToken: m2 },
        })
      ).json().error.code,
    ).toBe('DEVICE_ALREADY_CLEAN');
  });
});

describe('readiness gates', () => {
  const gates: [string, Record<string, unknown>, string][] = [
    ['faulty', { condition: 'faulty' }, 'faulty'],
    ['under repair', { condition: 'under_repair' }, 'under_repair'],
    ['PM overdue', { pmDueOn: '2020-01-01' }, 'pm_overdue'],
    ['calibration overdue', { calibrationDueOn: '2020-01-01' }, 'calibration_overdue'],
    ['recall hold', { recallHold: true, recallNote: '厂家召回' }, 'recall_hold'],
  ];
  for (const [name, facts, blocker] of gates)
    it(`refuses to hand over a device that is ${name}`, async () => {
      const loanId = await approvedLoan(c.ventilators, { urgency: 'normal' });
      await ok(await setFacts(c.v[2]!, facts));
      expect((await device(c.v[2]!)).blockers).toEqual([blocker]);
      const refused = await handover(loanId, await c.token(c.v[2]!));
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'DEVICE_NOT_READY',
        details: { blockers: [blocker] },
      });
      expect(
        await c.server.deps.db
          .select()
          .from(lendingLoanDevices)
          .where(eq(lendingLoanDevices.loanId, loanId)),
      ).toHaveLength(0);
      await ok(await setFacts(c.v[2]!, {}));
      await ok(
        await c.asManager({
          method: 'POST',
          url: `/api/admin/lending/loans/${loanId}/cancel`,
          payload: {},
        }),
      );
    });

  it('refuses a device awaiting disinfection, and a due date is met on the day itself', async () => {
    await c.server.deps.db
      .update(lendingDevices)
      .set({ hygiene: 'awaiting_disinfection' })
      .where(eq(lendingDevices.deviceId, c.v[2]!));
    const loanId = await approvedLoan(c.ventilators);
    expect((await handover(loanId, await c.token(c.v[2]!))).json().error.details.blockers).toEqual([
      'awaiting_disinfection',
    ]);
    await disinfect(await c.token(c.v[2]!));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      c.server.clock.now(),
    );
    await ok(await setFacts(c.v[2]!, { pmDueOn: today, calibrationDueOn: today }));
    expect((await ok(await handover(loanId, await c.token(c.v[2]!)))).status).toBe('handed_over');
    await giveBack(await c.token(c.v[2]!));
    await disinfect(await c.token(c.v[2]!));
    await ok(await setFacts(c.v[2]!, {}));
  });

  it('overrides a gate only with a second, different manager, once, audited', async () => {
    const loanId = await approvedLoan(c.ventilators);
    await ok(await setFacts(c.v[2]!, { pmDueOn: '2020-01-01' }));
    const asked = await ok(
      await c.asManager({
        method: 'POST',
        url: '/api/admin/lending/overrides',
        payload: { loanId, deviceId: c.v[2], reason: '抢救急需，保养延期' },
      }),
    );
    expect(asked.status).toBe('pending');
    const token = await c.token(c.v[2]!);
    expect((await handover(loanId, token, { overrideId: asked.id })).json().error.code).toBe(
      'OVERRIDE_INVALID',
    );
    expect(
      (
        await c.asManager({ method: 'POST', url: `/api/admin/lending/overrides/${asked.id}/grant` })
      ).json().error.code,
    ).toBe('OVERRIDE_SAME_MANAGER');
    const granted = await ok(
      await c.asManager2({ method: 'POST', url: `/api/admin/lending/overrides/${asked.id}/grant` }),
    );
    expect(granted.status).toBe('granted');
    const handed = await ok(await handover(loanId, token, { overrideId: asked.id }));
    expect(handed.devices[0].overridden).toBe(true);
    const actions = (
      await c.server.deps.db.select().from(auditLog).where(eq(auditLog.objectId, asked.id))
    ).map((a) => a.action);
    expect(actions.sort()).toEqual([
      'lending.override_grant',
      'lending.override_request',
      'lending.override_use',
    ]);
    await giveBack(token);
    await disinfect(token);
    // used once: the same override does not open the gate again
    const again = await approvedLoan(c.ventilators);
    expect((await handover(again, token, { overrideId: asked.id })).json().error.code).toBe(
      'OVERRIDE_INVALID',
    );
    await ok(await setFacts(c.v[2]!, {}));
    await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${again}/cancel`,
        payload: {},
      }),
    );
  });

  it('a damaged return opens a repair ticket and holds the device as faulty', async () => {
    const loanId = await approvedLoan(c.monitors);
    const token = await c.token(c.m[0]!);
    await ok(await handover(loanId, token));
    const back = await ok(
      await c.asManager({
        method: 'POST',
        url: '/api/admin/lending/returns',
        payload: { labelToken: token, condition: 'damaged', note: '屏幕破裂' },
      }),
    );
    expect(back.ticketNo).toMatch(/^BX\d{11}$/);
    const [ticket] = await c.server.deps.db
      .select()
      .from(tickets)
      .where(eq(tickets.deviceId, c.m[0]!));
    expect(ticket).toMatchObject({ status: 'submitted', departmentId: c.ward, source: 'admin' });
    expect((await device(c.m[0]!)).blockers).toEqual([
      'faulty',
      'under_repair',
      'awaiting_disinfection',
    ]);
    await disinfect(token);
    await c.server.deps.db
      .update(tickets)
      .set({ status: 'closed' })
      .where(eq(tickets.id, ticket!.id));
    await ok(await setFacts(c.m[0]!, {}));
    expect((await device(c.m[0]!)).readiness).toBe('available');
  });
});

describe('one device, one loan', () => {
  it('of two handovers of one device to two loans at once, exactly one succeeds', async () => {
    const a = await approvedLoan(c.monitors);
    const b = await approvedLoan(c.monitors);
    const token = await c.token(c.m[1]!);
    const results = await Promise.all([handover(a, token), handover(b, token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('DEVICE_ON_LOAN');
    const open = await c.server.deps.db
      .select()
      .from(lendingLoanDevices)
      .where(eq(lendingLoanDevices.deviceId, c.m[1]!));
    expect(open.filter((i) => i.returnedAt === null)).toHaveLength(1);
  });

  it('the database itself refuses a second open loan of a device', async () => {
    const [open] = await c.server.deps.db
      .select()
      .from(lendingLoanDevices)
      .where(and(eq(lendingLoanDevices.deviceId, c.m[1]!), isNull(lendingLoanDevices.returnedAt)));
    await expect(
      c.server.deps.db
        .insert(lendingLoanDevices)
        .values({ ...open!, id: undefined as never, handedOverAt: c.server.clock.now() }),
    ).rejects.toThrow();
    const token = await c.token(c.m[1]!);
    await giveBack(token);
    await disinfect(token);
  });
});

describe('the emergency path (先借后批)', () => {
  it('approves an urgent life-support request at once and escalates when nobody confirms in time', async () => {
    const loan = await ok(
      await c.as(c.icuNurse, {
        method: 'POST',
        url: '/api/lending/loans',
        payload: requestBody(c.ventilators, { urgency: 'urgent' }),
      }),
    );
    expect(loan).toMatchObject({ status: 'approved', emergency: true, awaitingConfirmation: true });
    expect(new Date(loan.confirmDueAt).getTime() - new Date(loan.createdAt).getTime()).toBe(
      24 * HOUR,
    );
    expect(loan.events.map((e: Json) => [e.action, e.actorName])).toEqual([
      ['request', 'icu_nurse'],
      ['emergency_approve', '系统'],
    ]);
    const notices = async (kind: string) =>
      (
        await c.server.deps.db.select().from(notifications).where(eq(notifications.kind, kind))
      ).filter((n) => (n.data as Json).loanNo === loan.no);
    expect(await remindUnconfirmed(c.server.deps)).toEqual({ reminded: 0, escalated: 0 });
    await c.advance(12 * HOUR + 60_000);
    expect(await remindUnconfirmed(c.server.deps)).toEqual({ reminded: 1, escalated: 0 });
    expect(await remindUnconfirmed(c.server.deps)).toEqual({ reminded: 0, escalated: 0 });
    expect((await notices('loan_confirm_due')).map((n) => (n.data as Json).stage)).toEqual([
      '即将到期',
    ]);
    await c.advance(12 * HOUR);
    expect(await remindUnconfirmed(c.server.deps)).toEqual({ reminded: 0, escalated: 1 });
    expect(await remindUnconfirmed(c.server.deps)).toEqual({ reminded: 0, escalated: 0 });
    expect((await notices('loan_confirm_due')).map((n) => (n.data as Json).stage).sort()).toEqual([
      '即将到期',
      '已超时未确认',
    ]);
    const confirmed = await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${loan.id}/confirm`,
        payload: {},
      }),
    );
    expect(confirmed.awaitingConfirmation).toBe(false);
    expect(confirmed.events.at(-1)).toMatchObject({ action: 'confirm', details: { late: true } });
    expect(
      (
        await c.asManager({
          method: 'POST',
          url: `/api/admin/lending/loans/${loan.id}/confirm`,
          payload: {},
        })
      ).json().error.code,
    ).toBe('LOAN_STATE');
    await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${loan.id}/cancel`,
        payload: {},
      }),
    );
  });

  it('does not take the emergency path without a ready device, nor for a normal request, nor outside life-support', async () => {
    const normal = await ok(
      await c.as(c.icuNurse, {
        method: 'POST',
        url: '/api/lending/loans',
        payload: requestBody(c.ventilators),
      }),
    );
    expect(normal.status).toBe('requested');
    const monitor = await ok(
      await c.as(c.icuNurse, {
        method: 'POST',
        url: '/api/lending/loans',
        payload: requestBody(c.monitors, { urgency: 'urgent' }),
      }),
    );
    expect(monitor.status).toBe('requested');
    const tooMany = await ok(
      await c.as(c.icuNurse, {
        method: 'POST',
        url: '/api/lending/loans',
        payload: requestBody(c.ventilators, { urgency: 'urgent', quantity: 4 }),
      }),
    );
    expect(tooMany).toMatchObject({ status: 'requested', emergency: false });
    for (const id of [normal.id, monitor.id, tooMany.id])
      await ok(
        await c.as(c.icuNurse, {
          method: 'POST',
          url: `/api/lending/loans/${id}/cancel`,
          payload: {},
        }),
      );
  });
});

describe('overdue', () => {
  it('reminds at most once a day and never blocks the return', async () => {
    // Start at the next 08:00 in Shanghai (00:00 UTC), so that the first reminder and the run an
    // hour later fall on the same local day whatever the time the tests run.
    const day = 24 * HOUR;
    await c.advance(day - (c.server.clock.now().getTime() % day));
    const loanId = await approvedLoan(c.monitors, { expectedHours: 2 });
    const token = await c.token(c.m[0]!);
    await ok(await handover(loanId, token));
    expect(await remindOverdue(c.server.deps)).toBe(0);
    await c.advance(3 * HOUR);
    const listed = await ok(
      await c.as(c.wardNurse, { method: 'GET', url: '/api/lending/loans?overdue=true' }),
    );
    expect(listed.items.map((l: Json) => l.id)).toContain(loanId);
    expect(listed.items.find((l: Json) => l.id === loanId)).toMatchObject({
      status: 'handed_over',
      overdue: true,
      overdueMinutes: 60,
    });
    const first = await remindOverdue(c.server.deps);
    expect(first).toBe(1);
    await c.advance(HOUR);
    expect(await remindOverdue(c.server.deps)).toBe(0);
    await c.advance(24 * HOUR);
    expect(await remindOverdue(c.server.deps)).toBe(1);
    const sent = (
      await c.server.deps.db
        .select()
        .from(notifications)
        .where(eq(notifications.kind, 'loan_overdue'))
    ).length;
    expect(sent).toBe(2);
    expect((await giveBack(token)).loan.status).toBe('returned');
    await disinfect(token);
  });
});

describe('the console list', () => {
  it('filters by the local day a loan was requested', async () => {
    const loanId = await approvedLoan(c.monitors);
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
        c.server.clock.now().getTime() + offset * 86_400_000,
      );
    const ids = async (query: string) =>
      (
        await ok(
          await c.asManager({
            method: 'GET',
            url: `/api/admin/lending/loans?scope=all&pageSize=100&${query}`,
          }),
        )
      ).items.map((l: Json) => l.id);
    expect(await ids(`from=${day(0)}&to=${day(0)}`)).toContain(loanId);
    expect(await ids(`from=${day(-1)}`)).toContain(loanId);
    expect(await ids(`from=${day(1)}`)).not.toContain(loanId);
    expect(await ids(`to=${day(-1)}`)).not.toContain(loanId);
    const refused = await c.asManager({
      method: 'GET',
      url: '/api/admin/lending/loans?from=today',
    });
    expect(refused.statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  it('applicants see only their own department, in lists, details and statements', async () => {
    const loanId = await approvedLoan(c.monitors);
    const icuList = await ok(
      await c.as(c.icuNurse, { method: 'GET', url: '/api/lending/loans?scope=all&pageSize=100' }),
    );
    expect(icuList.items.length).toBeGreaterThan(0);
    expect(icuList.items.every((l: Json) => l.departmentId === c.icu)).toBe(true);
    const wardList = await ok(
      await c.as(c.wardNurse, {
        method: 'GET',
        url: `/api/lending/loans?departmentId=${c.icu}&pageSize=100`,
      }),
    );
    expect(wardList.items.every((l: Json) => l.departmentId === c.ward)).toBe(true);
    expect(
      (await c.as(c.icuNurse, { method: 'GET', url: `/api/lending/loans/${loanId}` })).statusCode,
    ).toBe(404);
    expect(
      (
        await c.as(c.icuNurse, {
          method: 'POST',
          url: `/api/lending/loans/${loanId}/cancel`,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(c.server.clock.now())
      .slice(0, 7);
    const statement = await ok(
      await c.as(c.icuNurse, {
        method: 'GET',
        url: `/api/lending/statement?month=${month}&departmentId=${c.ward}`,
      }),
    );
    expect(statement.departments.every((d: Json) => d.departmentId === c.icu)).toBe(true);
    const all = await ok(
      await c.asManager({ method: 'GET', url: '/api/admin/lending/loans?pageSize=100' }),
    );
    expect(new Set(all.items.map((l: Json) => l.departmentId))).toEqual(new Set([c.ward, c.icu]));
    await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${loanId}/cancel`,
        payload: {},
      }),
    );
  });

  it('refuses unbound WeChat users and staff who are not applicants', async () => {
    const { wechatUser } = await import('../tickets/fixtures');
    const stranger = await wechatUser(c.server);
    expect(
      (await c.as(stranger, { method: 'GET', url: '/api/lending/loans' })).json().error.code,
    ).toBe('STAFF_NOT_BOUND');
    expect(
      (
        await c.as(c.managerWechat, {
          method: 'POST',
          url: '/api/lending/loans',
          payload: requestBody(c.monitors),
        })
      ).json().error.code,
    ).toBe('LENDING_NOT_APPLICANT');
    expect(
      (await c.as(c.managerWechat, { method: 'GET', url: '/api/lending/me' })).json(),
    ).toMatchObject({ isManager: true, isApplicant: false });
  });
});
