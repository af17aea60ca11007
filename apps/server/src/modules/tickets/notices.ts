import { and, eq, sql } from 'drizzle-orm';
import type { NotificationKind, TicketStatus } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { maskName } from '../../lib/pii';
import { staffAccounts } from '../accounts/schema';
import { openidsOfStaff } from '../accounts/wechat-binding';
import { departments } from '../directory/schema';
import { equipmentDevices } from '../equipment/schema';
import { enqueueNotification, withdrawNotification } from '../notifications/enqueue';
import { groupMembers, onDutyIn } from './dispatch';
import type { TicketRow } from './lifecycle';
import { ticketFaultTypes, ticketFollowers, ticketNoticeSlots } from './schema';
import { localDateTime } from './time';

/**
 * Ticket notices, all through the outbox in the transaction of the change. Engineers hear of new
 * and assigned tickets at once. Reporters (and those who joined with 我也遇到) hear of acceptance,
 * waiting, resolution, rejection and merging — one notice per change, and a change within
 * COALESCE_SECONDS of the previous one replaces its still-pending notice, so "accepted" followed
 * seconds later by "resolved" arrives as one message. Nobody is told of their own action.
 */
export const COALESCE_SECONDS = 30;

export const STATUS_WORDS: Record<TicketStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  waiting: '等待配件或厂家',
  resolved: '已修复，请确认',
  closed: '已完成',
  rejected: '未受理',
  merged: '已合并',
};

interface Facts {
  ticketNo: string;
  device: string;
  department: string;
  fault: string;
  ticketId: string;
}

async function facts(db: Executor, ticket: TicketRow): Promise<Facts> {
  const [device] = ticket.deviceId
    ? await db
        .select({ name: equipmentDevices.name, assetNo: equipmentDevices.assetNo })
        .from(equipmentDevices)
        .where(eq(equipmentDevices.id, ticket.deviceId))
    : [];
  const [department] = await db
    .select({ name: departments.name })
    .from(departments)
    .where(eq(departments.id, ticket.departmentId));
  const [fault] = ticket.faultTypeId
    ? await db
        .select({ name: ticketFaultTypes.name })
        .from(ticketFaultTypes)
        .where(eq(ticketFaultTypes.id, ticket.faultTypeId))
    : [];
  return {
    ticketNo: ticket.no,
    device: device ? `${device.name}（${device.assetNo}）` : '未登记设备',
    department: department?.name ?? '',
    fault: fault?.name ?? (ticket.description?.slice(0, 20) || '未分类'),
    ticketId: ticket.id,
  };
}

/** The bound equipment managers' OpenIDs (escalations, tickets no group takes). */
async function managerOpenids(deps: Deps, db: Executor): Promise<string[]> {
  const managers = await db
    .select({ id: staffAccounts.id })
    .from(staffAccounts)
    .where(
      and(
        eq(staffAccounts.disabled, false),
        sql`'equipment_manager' = any(${staffAccounts.roles})`,
      ),
    );
  return [
    ...(
      await openidsOfStaff(
        deps,
        managers.map((m) => m.id),
        db,
      )
    ).values(),
  ];
}

/**
 * A new ticket: to the group's engineers on duty now; to every bound member when nobody is on
 * duty; to the equipment managers when no group takes it.
 */
export async function noticeNewTicket(
  deps: Deps,
  tx: Executor,
  ticket: TicketRow,
  exceptOpenid: string | null,
): Promise<void> {
  let recipients: string[];
  if (ticket.groupId) {
    const onDuty = await onDutyIn(tx, ticket.groupId, deps.clock.now());
    const ids = onDuty.length ? onDuty : await groupMembers(tx, ticket.groupId);
    recipients = [...(await openidsOfStaff(deps, ids, tx)).values()];
    if (recipients.length === 0) recipients = await managerOpenids(deps, tx);
  } else recipients = await managerOpenids(deps, tx);
  const f = await facts(tx, ticket);
  for (const openid of new Set(recipients)) {
    if (openid === exceptOpenid) continue;
    await enqueueNotification(tx, deps.clock, {
      kind: 'ticket_created',
      recipientOpenid: openid,
      data: { ...f, reporter: maskName(ticket.reporterName) },
      idempotencyKey: `ticket_created:${ticket.id}:${openid}`,
    });
  }
}

/** An assignment: to the engineer it was given to (unless they took it themselves). */
export async function noticeAssigned(
  deps: Deps,
  tx: Executor,
  ticket: TicketRow,
  eventId: number,
  exceptOpenid: string | null,
): Promise<void> {
  if (!ticket.assigneeId) return;
  const openid = (await openidsOfStaff(deps, [ticket.assigneeId], tx)).get(ticket.assigneeId);
  if (!openid || openid === exceptOpenid) return;
  await enqueueNotification(tx, deps.clock, {
    kind: 'ticket_created',
    recipientOpenid: openid,
    data: { ...(await facts(tx, ticket)), reporter: maskName(ticket.reporterName) },
    idempotencyKey: `ticket_assigned:${ticket.id}:${eventId}`,
  });
}

/** A reopened ticket: to its engineer, with the reporter's reason as the status. */
export async function noticeReopened(
  deps: Deps,
  tx: Executor,
  ticket: TicketRow,
  eventId: number,
  exceptOpenid: string | null,
): Promise<void> {
  if (!ticket.assigneeId) return;
  const openid = (await openidsOfStaff(deps, [ticket.assigneeId], tx)).get(ticket.assigneeId);
  if (!openid || openid === exceptOpenid) return;
  const f = await facts(tx, ticket);
  await enqueueNotification(tx, deps.clock, {
    kind: 'ticket_status_changed',
    recipientOpenid: openid,
    data: {
      ticketNo: f.ticketNo,
      device: f.device,
      status: '已重新打开',
      changedAt: localDateTime(deps.clock.now(), deps.config.timeZone),
      ticketId: ticket.id,
    },
    idempotencyKey: `ticket_reopened:${ticket.id}:${eventId}`,
  });
}

/**
 * Which notice, if any, the reporter gets for a transition. Starting work, resuming, notes,
 * reassignment and the reporter's own steps (confirm, reopen) send nothing.
 */
function reporterKind(from: TicketStatus | null, to: TicketStatus): NotificationKind | undefined {
  if (to === 'accepted' && from === 'submitted') return 'ticket_accepted';
  if (to === 'resolved') return 'ticket_resolved';
  if (to === 'waiting' || to === 'rejected' || to === 'merged') return 'ticket_status_changed';
  return undefined;
}

/**
 * The reporter's and followers' notice of a transition, coalesced: a still-pending notice of the
 * same ticket queued less than COALESCE_SECONDS ago is withdrawn, and this one sent instead.
 */
export async function noticeReporters(
  deps: Deps,
  tx: Executor,
  ticket: TicketRow,
  change: {
    eventId: number;
    action: string;
    from: TicketStatus | null;
    to: TicketStatus;
    assigneeName: string | null;
    note: string | null;
    mergedIntoNo?: string;
  },
  exceptOpenid: string | null,
): Promise<void> {
  const kind = reporterKind(change.from, change.to);
  if (!kind) return;
  const followers = await tx
    .select({ openid: ticketFollowers.openid })
    .from(ticketFollowers)
    .where(eq(ticketFollowers.ticketId, ticket.id));
  const recipients = new Set(
    [ticket.reporterOpenid, ...followers.map((f) => f.openid)].filter(
      (o): o is string => o !== null && o !== exceptOpenid,
    ),
  );
  if (recipients.size === 0) return;
  const f = await facts(tx, ticket);
  const now = deps.clock.now();
  const at = localDateTime(now, deps.config.timeZone);
  const status =
    change.to === 'merged' && change.mergedIntoNo
      ? `已合并至 ${change.mergedIntoNo}`
      : change.to === 'rejected' && change.note
        ? `未受理：${change.note.slice(0, 40)}`
        : STATUS_WORDS[change.to];
  const data: Record<string, string> =
    kind === 'ticket_accepted'
      ? {
          ticketNo: f.ticketNo,
          device: f.device,
          engineer: change.assigneeName ?? '',
          acceptedAt: at,
          ticketId: f.ticketId,
        }
      : kind === 'ticket_resolved'
        ? {
            ticketNo: f.ticketNo,
            device: f.device,
            resolution: (ticket.resolution ?? '').slice(0, 40),
            resolvedAt: at,
            ticketId: f.ticketId,
          }
        : { ticketNo: f.ticketNo, device: f.device, status, changedAt: at, ticketId: f.ticketId };
  const dueAt = new Date(now.getTime() + COALESCE_SECONDS * 1000);
  for (const openid of recipients) {
    const [slot] = await tx
      .select()
      .from(ticketNoticeSlots)
      .where(
        and(
          eq(ticketNoticeSlots.ticketId, ticket.id),
          eq(ticketNoticeSlots.recipientOpenid, openid),
        ),
      );
    if (slot && slot.dueAt > now) await withdrawNotification(tx, deps.clock, slot.idempotencyKey);
    const idempotencyKey = `ticket_notice:${ticket.id}:${openid}:${change.eventId}`;
    await enqueueNotification(tx, deps.clock, {
      kind,
      recipientOpenid: openid,
      data,
      idempotencyKey,
      notBefore: dueAt,
    });
    await tx
      .insert(ticketNoticeSlots)
      .values({ ticketId: ticket.id, recipientOpenid: openid, idempotencyKey, dueAt })
      .onConflictDoUpdate({
        target: [ticketNoticeSlots.ticketId, ticketNoticeSlots.recipientOpenid],
        set: { idempotencyKey, dueAt },
      });
  }
}

/** An SLA deadline passed: to the group's leads and the equipment managers. */
export async function noticeEscalation(
  deps: Deps,
  tx: Executor,
  ticket: TicketRow,
  kind: 'accept' | 'resolve',
  minutesOver: number,
): Promise<void> {
  const leads = ticket.groupId ? await groupMembers(tx, ticket.groupId, true) : [];
  const ids = [...leads, ...(ticket.assigneeId && kind === 'resolve' ? [ticket.assigneeId] : [])];
  const recipients = new Set([
    ...(await openidsOfStaff(deps, ids, tx)).values(),
    ...(await managerOpenids(deps, tx)),
  ]);
  const f = await facts(tx, ticket);
  const target = Math.round(
    (kind === 'accept' ? ticket.acceptDueAt : ticket.resolveDueAt).getTime() / 60_000 -
      ticket.createdAt.getTime() / 60_000,
  );
  for (const openid of recipients) {
    await enqueueNotification(tx, deps.clock, {
      kind: 'ticket_escalated',
      recipientOpenid: openid,
      data: {
        ticketNo: f.ticketNo,
        device: f.device,
        department: f.department,
        overdue: `超过 ${target} 分钟${kind === 'accept' ? '未受理' : '未解决'}（已超时 ${Math.max(0, Math.round(minutesOver))} 分钟）`,
        submittedAt: localDateTime(ticket.createdAt, deps.config.timeZone),
        ticketId: f.ticketId,
      },
      idempotencyKey: `ticket_escalated:${ticket.id}:${kind}:${openid}`,
    });
  }
}
