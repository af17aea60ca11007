import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ticketStatuses, type TicketStatus } from '@zhangyi/contracts';
import { DomainError } from '../../http/errors';
import { clientKey, contact, openHospital, type Hospital, type WechatUser } from './fixtures';
import { checkTransition, type LifecycleAction, type Party } from './lifecycle';
import { ticketEvents } from './schema';

/**
 * The state machine written out once more, independently of lifecycle.ts: which parties may take
 * which action from which states. Everything else must be refused.
 */
const OPEN = ['submitted', 'accepted', 'in_progress', 'waiting'];
const EXPECTED: Record<LifecycleAction, { from: string[]; to: string | null; by: Party[] }> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['group', 'manager'] },
  assign: { from: OPEN, to: 'accepted', by: ['manager'] },
  start: { from: ['accepted'], to: 'in_progress', by: ['assignee'] },
  wait: { from: ['in_progress'], to: 'waiting', by: ['assignee'] },
  resume: { from: ['waiting'], to: 'in_progress', by: ['assignee'] },
  resolve: { from: ['accepted', 'in_progress'], to: 'resolved', by: ['assignee', 'manager'] },
  confirm: { from: ['resolved'], to: 'closed', by: ['reporter'] },
  auto_close: { from: ['resolved'], to: 'closed', by: ['system'] },
  reopen: { from: ['resolved'], to: 'accepted', by: ['reporter', 'manager'] },
  reject: { from: OPEN, to: 'rejected', by: ['assignee', 'manager'] },
  merge: { from: OPEN, to: 'merged', by: ['assignee', 'manager'] },
  note: { from: ['accepted', 'in_progress', 'waiting'], to: null, by: ['assignee', 'manager'] },
};
const PARTIES: Party[] = ['reporter', 'assignee', 'group', 'manager', 'system'];

/** The code of the DomainError a call throws, or undefined when it passes. */
function refusal(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('the transition table', () => {
  for (const [action, rule] of Object.entries(EXPECTED) as [
    LifecycleAction,
    (typeof EXPECTED)[LifecycleAction],
  ][]) {
    it(`${action}: allowed exactly from ${rule.from.join(', ')} for ${rule.by.join(', ')}`, () => {
      for (const status of ticketStatuses) {
        for (const party of PARTIES) {
          const attempt = () => checkTransition(action, status as TicketStatus, new Set([party]));
          const label = `${action} from ${status} by ${party}`;
          if (!rule.from.includes(status)) {
            expect(refusal(attempt), label).toBe('TICKET_STATE');
          } else if (!rule.by.includes(party)) {
            expect(refusal(attempt), label).toBe('TICKET_ACTION_FORBIDDEN');
          } else {
            expect(attempt().to, `${action} from ${status}`).toBe(rule.to);
          }
        }
      }
    });
  }

  it('has no way out of closed, rejected and merged', () => {
    for (const status of ['closed', 'rejected', 'merged'] as const)
      for (const action of Object.keys(EXPECTED) as LifecycleAction[])
        expect(() => checkTransition(action, status, new Set(PARTIES))).toThrow(DomainError);
  });
});

describe('transitions through the API', () => {
  let h: Hospital;
  let reporter: WechatUser;
  let engineer: WechatUser;

  beforeAll(async () => {
    // The walk-through moves the clock by more than the default idle timeout of sessions.
    h = await openHospital({ SESSION_IDLE_MINUTES: '1440' });
    reporter = await h.wechatUser();
    engineer = h.printerEngineer.wechat;
  });
  afterAll(() => h.server.close());

  const act = (user: WechatUser, id: string, body: Record<string, unknown>) =>
    h.asUser(user, { method: 'POST', url: `/api/tickets/${id}/actions`, payload: body });
  const newTicket = async (deviceId: string) => {
    const response = await h.asUser(reporter, {
      method: 'POST',
      url: '/api/tickets',
      payload: { deviceId, photoIds: [], clientKey: clientKey(), contact: contact(h.ward) },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().ticket.ticket.id as string;
  };
  const code = async (response: Promise<{ json(): { error?: { code: string } } }>) =>
    (await response).json().error?.code;

  it('walks a ticket through every step, refusing what is not allowed at each one', async () => {
    const id = await newTicket(h.printer1);
    const minute = 60_000;
    // submitted: the reporter cannot accept; the engineer cannot start before accepting.
    expect(await code(act(reporter, id, { action: 'accept' }))).toBe('TICKET_ACTION_FORBIDDEN');
    expect(await code(act(engineer, id, { action: 'start' }))).toBe('TICKET_STATE');
    expect(
      await code(act(engineer, id, { action: 'assign', assigneeId: h.printerEngineer.accountId })),
    ).toBe('TICKET_ACTION_FORBIDDEN');

    h.server.clock.advance(4 * minute);
    const accepted = await act(engineer, id, { action: 'accept' });
    expect(accepted.json().ticket).toMatchObject({
      status: 'accepted',
      assigneeName: 'printer_eng',
    });
    expect(
      accepted
        .json()
        .actions.map((a: { action: string }) => a.action)
        .sort(),
    ).toEqual(['merge', 'note', 'reject', 'resolve', 'start'].sort());
    expect(await code(act(engineer, id, { action: 'accept' }))).toBe('TICKET_STATE');

    h.server.clock.advance(minute);
    expect((await act(engineer, id, { action: 'start' })).json().ticket.status).toBe('in_progress');
    expect(await code(act(engineer, id, { action: 'wait' }))).toBe('TICKET_FIELD_REQUIRED');
    expect(
      (await act(engineer, id, { action: 'wait', waitReason: 'parts', note: '等搓纸轮' })).json()
        .ticket.status,
    ).toBe('waiting');
    expect(await code(act(engineer, id, { action: 'resolve', resolution: 'x' }))).toBe(
      'TICKET_STATE',
    );
    expect((await act(engineer, id, { action: 'resume' })).json().ticket.status).toBe(
      'in_progress',
    );
    const noted = await act(engineer, id, {
      action: 'note',
      note: '更换搓纸轮',
      parts: [{ name: '搓纸轮', quantity: 2, unitCostFen: 3500 }],
    });
    expect(noted.json().parts).toHaveLength(1);
    expect(noted.json().ticket.status).toBe('in_progress');
    expect(await code(act(engineer, id, { action: 'resolve' }))).toBe('TICKET_FIELD_REQUIRED');

    h.server.clock.advance(20 * minute);
    const resolved = await act(engineer, id, { action: 'resolve', resolution: '更换搓纸轮后正常' });
    expect(resolved.json().ticket.status).toBe('resolved');
    // Only the reporter confirms; a reopen needs a reason.
    expect(await code(act(engineer, id, { action: 'confirm', rating: 5 }))).toBe(
      'TICKET_ACTION_FORBIDDEN',
    );
    expect(await code(act(reporter, id, { action: 'reopen' }))).toBe('TICKET_FIELD_REQUIRED');
    const reopened = await act(reporter, id, { action: 'reopen', note: '又卡纸了' });
    expect(reopened.json().ticket).toMatchObject({
      status: 'accepted',
      assigneeName: 'printer_eng',
    });

    h.server.clock.advance(10 * minute);
    await act(engineer, id, { action: 'resolve', resolution: '清理纸道' });
    expect(await code(act(reporter, id, { action: 'confirm' }))).toBe('TICKET_FIELD_REQUIRED');
    const closed = await act(reporter, id, { action: 'confirm', rating: 4, note: '很快' });
    expect(closed.json()).toMatchObject({
      rating: 4,
      ratingComment: '很快',
      resolution: '清理纸道',
    });
    expect(closed.json().ticket.status).toBe('closed');
    expect(closed.json().actions).toEqual([]);
    expect(await code(act(reporter, id, { action: 'reopen', note: 'x' }))).toBe('TICKET_STATE');

    // Every step is an event with its actor; durations come from them.
    const events = await h.server.deps.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, id))
      .orderBy(asc(ticketEvents.id));
    expect(events.map((e) => `${e.action}:${e.fromStatus ?? '-'}>${e.toStatus}`)).toEqual([
      'submit:->submitted',
      'accept:submitted>accepted',
      'start:accepted>in_progress',
      'wait:in_progress>waiting',
      'resume:waiting>in_progress',
      'note:in_progress>in_progress',
      'resolve:in_progress>resolved',
      'reopen:resolved>accepted',
      'resolve:accepted>resolved',
      'confirm:resolved>closed',
    ]);
    expect(events[1]!.actorName).toBe('printer_eng');
    expect(events[7]!.actorName).toBe('陈静');
    expect(closed.json().durations).toEqual({ acceptMinutes: 4, resolveMinutes: 35 });
  });

  it('lets a manager assign, reassign and reject, and an engineer merge a duplicate', async () => {
    const first = await newTicket(h.printer2);
    const duplicate = await newTicket(h.pc);
    const managerAct = (id: string, body: Record<string, unknown>) =>
      h.asManager({ method: 'POST', url: `/api/admin/tickets/${id}/actions`, payload: body });
    expect(
      (
        await managerAct(first, { action: 'assign', assigneeId: h.networkEngineer.accountId })
      ).json().ticket,
    ).toMatchObject({
      status: 'accepted',
      assigneeName: 'network_eng',
    });
    // The reporter is not staff: assigning to them is refused.
    expect(
      (
        await managerAct(first, {
          action: 'assign',
          assigneeId: '00000000-0000-4000-8000-000000000000',
        })
      ).json().error.code,
    ).toBe('ASSIGNEE_INVALID');
    expect(
      (
        await managerAct(first, { action: 'assign', assigneeId: h.printerEngineer.accountId })
      ).json().ticket.assigneeName,
    ).toBe('printer_eng');
    // The network engineer lost it; outside the printer group he can no longer even see it.
    expect(await code(act(h.networkEngineer.wechat, first, { action: 'start' }))).toBe('NOT_FOUND');
    // The printer engineer now holds it, but a group engineer cannot reassign it.
    expect(
      await code(
        act(engineer, first, { action: 'assign', assigneeId: h.networkEngineer.accountId }),
      ),
    ).toBe('TICKET_ACTION_FORBIDDEN');

    // The PC ticket went to the network group; its engineer takes it and merges it into the first.
    await act(h.networkEngineer.wechat, duplicate, { action: 'accept' });
    expect(await code(act(h.networkEngineer.wechat, duplicate, { action: 'merge' }))).toBe(
      'TICKET_FIELD_REQUIRED',
    );
    expect(
      await code(
        act(h.networkEngineer.wechat, duplicate, { action: 'merge', mergeIntoId: duplicate }),
      ),
    ).toBe('TICKET_MERGE_TARGET');
    const merged = await act(h.networkEngineer.wechat, duplicate, {
      action: 'merge',
      mergeIntoId: first,
    });
    expect(merged.json()).toMatchObject({
      ticket: { status: 'merged' },
      mergedInto: { id: first },
    });

    expect(await code(managerAct(first, { action: 'reject' }))).toBe('TICKET_FIELD_REQUIRED');
    const rejected = await managerAct(first, { action: 'reject', note: '非本院资产' });
    expect(rejected.json().ticket.status).toBe('rejected');
    expect(
      await code(managerAct(first, { action: 'assign', assigneeId: h.printerEngineer.accountId })),
    ).toBe('TICKET_STATE');
  });

  it('reports the MTTA and MTTR of known tickets in the statistics', async () => {
    const today = new Date(h.server.clock.now().getTime() + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10);
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const stats = await h.asManager({
      method: 'GET',
      url: `/api/admin/tickets/stats?from=${from}&to=${today}`,
    });
    expect(stats.statusCode, stats.body).toBe(200);
    const body = stats.json();
    expect(body.totals).toMatchObject({ tickets: 3, closed: 1, rejected: 1, merged: 1 });
    // Accepted tickets: 4 minutes (walk-through), and the two accepted without waiting (0).
    expect(body.mtta.count).toBe(3);
    expect(body.mttr).toEqual({ count: 1, median: 35, p90: 35 });
    expect(body.procurement[0]).toMatchObject({ brand: 'HP', model: 'M404', partsCostFen: 7000 });
    const workbook = await h.asManager({
      method: 'GET',
      url: `/api/admin/tickets/stats.xlsx?from=${from}&to=${today}`,
    });
    expect(workbook.statusCode).toBe(200);
    expect(workbook.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const reversed = await h.asManager({
      method: 'GET',
      url: `/api/admin/tickets/stats?from=${today}&to=${from}`,
    });
    expect(reversed.json().error.code).toBe('STATS_PERIOD_INVALID');
    const engineer = await h.asUser(h.printerEngineer.wechat, {
      method: 'GET',
      url: '/api/engineer/tickets?scope=done',
    });
    expect(engineer.json().total).toBeGreaterThanOrEqual(1);
  });
});
