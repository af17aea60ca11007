import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  AdminTicketQuery,
  DeviceTicket,
  TicketDetail,
  TicketStatus,
  TicketSummary,
  Urgency,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { maskName, maskPhone } from '../../lib/pii';
import { containsPattern } from '../../lib/sql';
import { staffAccounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { departments } from '../directory/schema';
import type { RepairLookup } from '../equipment/devices';
import { categoryTree } from '../equipment/categories';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';
import { isManager, isWorker, requireWorker, type TicketActor } from './actor';
import { groupsOf, onDutyIn } from './dispatch';
import { availableActions, OPEN_STATUSES, type Party, type TicketRow } from './lifecycle';
import {
  ticketEvents,
  ticketFaultTypes,
  ticketFollowers,
  ticketGroups,
  ticketParts,
  ticketPhotos,
  tickets,
} from './schema';
import { startOfLocalDay } from './time';

const DONE_STATUSES: TicketStatus[] = ['closed', 'rejected', 'merged'];

const assignee = alias(staffAccounts, 'assignee');
const parentFault = alias(ticketFaultTypes, 'parent_fault');

function selectSummaries(db: Executor) {
  return db
    .select({
      ticket: tickets,
      departmentName: departments.name,
      deviceName: equipmentDevices.name,
      assetNo: equipmentDevices.assetNo,
      location: equipmentDevices.location,
      faultName: ticketFaultTypes.name,
      parentFaultName: parentFault.name,
      groupName: ticketGroups.name,
      assigneeName: assignee.displayName,
      followerCount: sql<number>`(select count(*)::int from ticket_followers f where f.ticket_id = ${tickets.id})`,
      photoCount: sql<number>`(select count(*)::int from ticket_photos p where p.ticket_id = ${tickets.id})`,
    })
    .from(tickets)
    .innerJoin(departments, eq(departments.id, tickets.departmentId))
    .leftJoin(equipmentDevices, eq(equipmentDevices.id, tickets.deviceId))
    .leftJoin(ticketFaultTypes, eq(ticketFaultTypes.id, tickets.faultTypeId))
    .leftJoin(parentFault, eq(parentFault.id, ticketFaultTypes.parentId))
    .leftJoin(ticketGroups, eq(ticketGroups.id, tickets.groupId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];

/** `打印机 / 卡纸` for a child type, the name alone for a top-level one. */
export function faultName(name: string | null, parent: string | null): string | null {
  return name === null ? null : parent ? `${parent} / ${name}` : name;
}

function toSummary(row: SummaryRow, now: Date, fullReporterName: boolean): TicketSummary {
  const t = row.ticket;
  const status = t.status as TicketStatus;
  return {
    id: t.id,
    no: t.no,
    status,
    urgency: t.urgency as Urgency,
    source: t.source as TicketSummary['source'],
    deviceId: t.deviceId,
    deviceName: row.deviceName,
    assetNo: row.assetNo,
    location: row.location,
    departmentId: t.departmentId,
    departmentName: row.departmentName,
    faultTypeName: faultName(row.faultName, row.parentFaultName),
    description: t.description,
    reporterName: fullReporterName ? t.reporterName : maskName(t.reporterName),
    groupName: row.groupName,
    assigneeId: t.assigneeId,
    assigneeName: row.assigneeName,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    acceptDueAt: t.acceptDueAt.toISOString(),
    resolveDueAt: t.resolveDueAt.toISOString(),
    acceptOverdue: status === 'submitted' && t.acceptDueAt <= now,
    resolveOverdue: OPEN_STATUSES.includes(status) && t.resolveDueAt <= now,
    followerCount: row.followerCount,
    photoCount: row.photoCount,
  };
}

async function page(
  deps: Deps,
  where: SQL | undefined,
  order: SQL[],
  input: { page?: number | undefined; pageSize?: number | undefined },
  fullReporterName: boolean,
) {
  const pageNo = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const [rows, [totals]] = await Promise.all([
    selectSummaries(deps.db)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize),
    deps.db.select({ total: count() }).from(tickets).where(where),
  ]);
  const now = deps.clock.now();
  return {
    items: rows.map((r) => toSummary(r, now, fullReporterName)),
    total: totals?.total ?? 0,
  };
}

/** The stored ticket, or NOT_FOUND. */
export async function ticketRow(db: Executor, id: string): Promise<TicketRow> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

export type Viewer = TicketDetail['viewer'];

/**
 * How the actor stands to a ticket: the parties they belong to (for the state machine) and how
 * they see it. No viewer means they may not see it at all.
 */
export async function standing(
  db: Executor,
  actor: TicketActor,
  ticket: TicketRow,
): Promise<{ parties: Set<Party>; viewer: Viewer | undefined }> {
  const parties = new Set<Party>();
  if (actor.type === 'system') parties.add('system');
  const reporter =
    (actor.openid !== null && ticket.reporterOpenid === actor.openid) ||
    (actor.accountId !== null && ticket.reporterAccountId === actor.accountId);
  if (reporter) parties.add('reporter');
  if (isWorker(actor)) {
    if (ticket.assigneeId !== null && ticket.assigneeId === actor.accountId) {
      parties.add('assignee');
      parties.add('group');
    } else if (ticket.groupId === null) parties.add('group');
    else if ((await groupsOf(db, actor.accountId!)).some((g) => g.id === ticket.groupId))
      parties.add('group');
  }
  if (isManager(actor)) parties.add('manager');
  let viewer: Viewer | undefined;
  if (parties.has('manager')) viewer = 'manager';
  else if (parties.has('group')) viewer = 'engineer';
  else if (reporter) viewer = 'reporter';
  else if (actor.openid) {
    const [follower] = await db
      .select({ openid: ticketFollowers.openid })
      .from(ticketFollowers)
      .where(
        and(eq(ticketFollowers.ticketId, ticket.id), eq(ticketFollowers.openid, actor.openid)),
      );
    if (follower) viewer = 'follower';
  }
  return { parties, viewer };
}

/** When a ticket was first accepted and last resolved, from its events. */
export async function ticketTimes(
  db: Executor,
  ticketIds: string[],
): Promise<Map<string, { acceptedAt: Date | null; resolvedAt: Date | null }>> {
  const out = new Map<string, { acceptedAt: Date | null; resolvedAt: Date | null }>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .select({
      ticketId: ticketEvents.ticketId,
      acceptedAt: sql<
        string | null
      >`min(${ticketEvents.at}) filter (where ${ticketEvents.fromStatus} = 'submitted' and ${ticketEvents.toStatus} = 'accepted')`,
      resolvedAt: sql<
        string | null
      >`max(${ticketEvents.at}) filter (where ${ticketEvents.toStatus} = 'resolved' and ${ticketEvents.fromStatus} <> 'resolved')`,
    })
    .from(ticketEvents)
    .where(inArray(ticketEvents.ticketId, ticketIds))
    .groupBy(ticketEvents.ticketId);
  for (const r of rows)
    out.set(r.ticketId, {
      acceptedAt: r.acceptedAt ? new Date(r.acceptedAt) : null,
      resolvedAt: r.resolvedAt ? new Date(r.resolvedAt) : null,
    });
  return out;
}

/** The tickets of a device, newest first (its repair history). */
export async function deviceTicketHistory(
  db: Executor,
  deviceId: string,
  excludeId?: string,
): Promise<DeviceTicket[]> {
  const rows = await db
    .select({
      ticket: tickets,
      faultName: ticketFaultTypes.name,
      parentFaultName: parentFault.name,
    })
    .from(tickets)
    .leftJoin(ticketFaultTypes, eq(ticketFaultTypes.id, tickets.faultTypeId))
    .leftJoin(parentFault, eq(parentFault.id, ticketFaultTypes.parentId))
    .where(and(eq(tickets.deviceId, deviceId), excludeId ? ne(tickets.id, excludeId) : undefined))
    .orderBy(desc(tickets.createdAt))
    .limit(100);
  const times = await ticketTimes(
    db,
    rows.map((r) => r.ticket.id),
  );
  return rows.map((r) => ({
    id: r.ticket.id,
    no: r.ticket.no,
    status: r.ticket.status,
    faultTypeName: faultName(r.faultName, r.parentFaultName),
    description: r.ticket.description,
    resolution: r.ticket.resolution,
    createdAt: r.ticket.createdAt.toISOString(),
    resolvedAt: times.get(r.ticket.id)?.resolvedAt?.toISOString() ?? null,
  }));
}

/** The open ticket of each device, for the registry (no personal data). */
export function repairLookup(deps: Deps): RepairLookup {
  return {
    openTickets: async (deviceIds) => {
      if (deviceIds.length === 0) return new Map();
      const rows = await deps.db
        .select({
          deviceId: tickets.deviceId,
          id: tickets.id,
          no: tickets.no,
          status: tickets.status,
        })
        .from(tickets)
        .where(and(inArray(tickets.deviceId, deviceIds), inArray(tickets.status, OPEN_STATUSES)));
      return new Map(rows.map((r) => [r.deviceId!, { id: r.id, no: r.no, status: r.status }]));
    },
    devicesUnderRepair: async () => {
      const rows = await deps.db
        .select({ deviceId: tickets.deviceId })
        .from(tickets)
        .where(and(inArray(tickets.status, OPEN_STATUSES), sql`${tickets.deviceId} is not null`));
      return rows.map((r) => r.deviceId!);
    },
  };
}

/** A ticket as the actor may see it; NOT_FOUND for tickets they may not see (ids cannot be probed). */
export async function ticketDetail(
  deps: Deps,
  meta: RequestMeta,
  actor: TicketActor,
  id: string,
): Promise<TicketDetail> {
  const ticket = await ticketRow(deps.db, id).catch(() => undefined);
  const { parties, viewer } = ticket
    ? await standing(deps.db, actor, ticket)
    : { parties: new Set<Party>(), viewer: undefined };
  if (!ticket || !viewer) {
    if (ticket)
      await recordAudit(deps.db, meta, {
        action: 'access.denied',
        result: 'denied',
        objectType: 'ticket',
        objectId: id,
      });
    throw new DomainError('NOT_FOUND');
  }
  const staffView = viewer === 'engineer' || viewer === 'manager';
  const [summaryRow] = await selectSummaries(deps.db).where(eq(tickets.id, id));
  const events = await deps.db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, id))
    .orderBy(asc(ticketEvents.id));
  const photos = await deps.db
    .select({ id: ticketPhotos.id, eventId: ticketPhotos.eventId })
    .from(ticketPhotos)
    .where(eq(ticketPhotos.ticketId, id))
    .orderBy(ticketPhotos.createdAt);
  const parts = await deps.db
    .select()
    .from(ticketParts)
    .where(eq(ticketParts.ticketId, id))
    .orderBy(ticketParts.at);
  const times = (await ticketTimes(deps.db, [id])).get(id);
  const [mergedInto] = ticket.mergedIntoId
    ? await deps.db
        .select({ id: tickets.id, no: tickets.no })
        .from(tickets)
        .where(eq(tickets.id, ticket.mergedIntoId))
    : [];
  const device = ticket.deviceId ? await repairDevice(deps.db, ticket.deviceId) : null;
  const phone = ticket.reporterPhoneEncrypted
    ? deps.pii.decrypt(ticket.reporterPhoneEncrypted)
    : null;
  if (staffView && phone)
    await recordAudit(deps.db, meta, {
      action: 'ticket.read_contact',
      result: 'success',
      objectType: 'ticket',
      objectId: id,
    });
  const reporterView = parties.has('reporter');
  return {
    ticket: toSummary(summaryRow!, deps.clock.now(), staffView || reporterView),
    device,
    reporter: {
      name: staffView || reporterView ? ticket.reporterName : maskName(ticket.reporterName),
      phone: staffView ? phone : null,
      phoneMasked: phone && (staffView || reporterView) ? maskPhone(phone) : null,
    },
    resolution: ticket.resolution,
    rating: ticket.rating,
    ratingComment: ticket.ratingComment,
    mergedInto: mergedInto ?? null,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus as TicketStatus | null,
      toStatus: e.toStatus as TicketStatus,
      // Reporters see who handled their ticket, not who else joined it.
      actorName:
        staffView || e.actorType !== 'wechat_user' || e.actorOpenid === actor.openid
          ? e.actorName
          : maskName(e.actorName),
      at: e.at.toISOString(),
      note: e.note,
      photoIds: photos.filter((p) => p.eventId === e.id).map((p) => p.id),
      details: e.details,
    })),
    parts: parts.map((p) => ({
      id: p.id,
      name: p.name,
      quantity: p.quantity,
      unitCostFen: p.unitCostFen,
      at: p.at.toISOString(),
    })),
    durations: {
      acceptMinutes: times?.acceptedAt ? minutes(ticket.createdAt, times.acceptedAt) : null,
      resolveMinutes: times?.resolvedAt ? minutes(ticket.createdAt, times.resolvedAt) : null,
    },
    deviceHistory:
      staffView && ticket.deviceId ? await deviceTicketHistory(deps.db, ticket.deviceId, id) : [],
    actions: availableActions(ticket.status as TicketStatus, parties),
    viewer,
  };
}

function minutes(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 6_000) / 10;
}

/** A device as the report page and ticket pages show it. */
export async function repairDevice(db: Executor, deviceId: string) {
  const [row] = await db
    .select({
      device: equipmentDevices,
      categoryName: equipmentCategories.name,
      departmentName: departments.name,
    })
    .from(equipmentDevices)
    .innerJoin(equipmentCategories, eq(equipmentCategories.id, equipmentDevices.categoryId))
    .leftJoin(departments, eq(departments.id, equipmentDevices.departmentId))
    .where(eq(equipmentDevices.id, deviceId));
  if (!row) return null;
  return {
    id: row.device.id,
    assetNo: row.device.assetNo,
    name: row.device.name,
    categoryName: row.categoryName,
    brand: row.device.brand,
    model: row.device.model,
    departmentId: row.device.departmentId,
    departmentName: row.departmentName,
    location: row.device.location,
  };
}

function reporterFilter(actor: TicketActor): SQL {
  const conditions: SQL[] = [];
  if (actor.openid) {
    conditions.push(eq(tickets.reporterOpenid, actor.openid));
    conditions.push(
      sql`${tickets.id} in (select ticket_id from ticket_followers where openid = ${actor.openid})`,
    );
  }
  if (actor.accountId) conditions.push(eq(tickets.reporterAccountId, actor.accountId));
  return conditions.length ? or(...conditions)! : sql`false`;
}

/** Tickets the actor reported or joined, newest first. */
export async function myTickets(
  deps: Deps,
  actor: TicketActor,
  input: { page?: number | undefined; pageSize?: number | undefined },
) {
  return page(deps, reporterFilter(actor), [desc(tickets.createdAt)], input, false);
}

async function groupScope(deps: Deps, actor: TicketActor): Promise<SQL> {
  const groups = (await groupsOf(deps.db, actor.accountId!)).map((g) => g.id);
  return or(
    isNull(tickets.groupId),
    groups.length ? inArray(tickets.groupId, groups) : sql`false`,
    eq(tickets.assigneeId, actor.accountId!),
  )!;
}

/** The engineer's queue (bound staff in WeChat). */
export async function engineerQueue(
  deps: Deps,
  actor: TicketActor,
  input: {
    scope: 'mine' | 'unassigned' | 'group' | 'done' | 'all';
    page?: number;
    pageSize?: number;
  },
) {
  requireWorker(actor);
  const manager = isManager(actor);
  const visible = manager ? undefined : await groupScope(deps, actor);
  const me = actor.accountId!;
  const byScope: Record<typeof input.scope, [SQL | undefined, SQL[]]> = {
    mine: [
      and(eq(tickets.assigneeId, me), inArray(tickets.status, [...OPEN_STATUSES, 'resolved'])),
      [asc(tickets.createdAt)],
    ],
    unassigned: [and(eq(tickets.status, 'submitted'), visible), [asc(tickets.createdAt)]],
    group: [and(inArray(tickets.status, OPEN_STATUSES), visible), [asc(tickets.createdAt)]],
    done: [
      and(eq(tickets.assigneeId, me), inArray(tickets.status, DONE_STATUSES)),
      [desc(tickets.updatedAt)],
    ],
    all: [manager ? undefined : visible, [desc(tickets.createdAt)]],
  };
  const [where, order] = byScope[input.scope];
  return page(deps, where, order, input, true);
}

/** The engineer's groups, duty and queue counts. */
export async function engineerMe(deps: Deps, actor: TicketActor) {
  requireWorker(actor);
  const groups = await groupsOf(deps.db, actor.accountId!);
  const now = deps.clock.now();
  let onDuty = false;
  for (const g of groups)
    if ((await onDutyIn(deps.db, g.id, now)).includes(actor.accountId!)) onDuty = true;
  const visible = isManager(actor) ? undefined : await groupScope(deps, actor);
  const [mine] = await deps.db
    .select({ n: count() })
    .from(tickets)
    .where(
      and(
        eq(tickets.assigneeId, actor.accountId!),
        inArray(tickets.status, [...OPEN_STATUSES, 'resolved']),
      ),
    );
  const [unassigned] = await deps.db
    .select({ n: count() })
    .from(tickets)
    .where(and(eq(tickets.status, 'submitted'), visible));
  return {
    accountId: actor.accountId!,
    displayName: actor.name,
    groups,
    onDuty,
    canManage: isManager(actor),
    counts: { mine: mine?.n ?? 0, unassigned: unassigned?.n ?? 0 },
  };
}

/** Tickets for the console: managers see all, engineers those of their groups. */
export async function adminTickets(deps: Deps, actor: TicketActor, query: AdminTicketQuery) {
  const filters: (SQL | undefined)[] = [];
  if (!isManager(actor)) filters.push(await groupScope(deps, actor));
  if (query.status === 'open') filters.push(inArray(tickets.status, OPEN_STATUSES));
  else if (query.status) filters.push(eq(tickets.status, query.status));
  if (query.q) {
    const pattern = containsPattern(query.q);
    filters.push(
      or(
        ilike(tickets.no, pattern),
        ilike(tickets.description, pattern),
        ilike(equipmentDevices.assetNo, pattern),
        ilike(equipmentDevices.name, pattern),
      ),
    );
  }
  if (query.departmentId) filters.push(eq(tickets.departmentId, query.departmentId));
  if (query.groupId) filters.push(eq(tickets.groupId, query.groupId));
  if (query.assigneeId) filters.push(eq(tickets.assigneeId, query.assigneeId));
  if (query.deviceId) filters.push(eq(tickets.deviceId, query.deviceId));
  if (query.urgency) filters.push(eq(tickets.urgency, query.urgency));
  if (query.faultTypeId) {
    const withSubTypes = deps.db
      .select({ id: ticketFaultTypes.id })
      .from(ticketFaultTypes)
      .where(
        or(
          eq(ticketFaultTypes.id, query.faultTypeId),
          eq(ticketFaultTypes.parentId, query.faultTypeId),
        ),
      );
    filters.push(inArray(tickets.faultTypeId, withSubTypes));
  }
  if (query.categoryId) {
    filters.push(
      inArray(equipmentDevices.categoryId, await categoryScope(deps.db, query.categoryId)),
    );
  }
  const tz = deps.config.timeZone;
  if (query.from) filters.push(gte(tickets.createdAt, startOfLocalDay(query.from, tz)));
  if (query.to)
    filters.push(
      lt(tickets.createdAt, new Date(startOfLocalDay(query.to, tz).getTime() + 86_400_000)),
    );
  if (query.overdue) {
    const now = deps.clock.now();
    filters.push(
      or(
        and(eq(tickets.status, 'submitted'), lte(tickets.acceptDueAt, now)),
        and(inArray(tickets.status, OPEN_STATUSES), lte(tickets.resolveDueAt, now)),
      ),
    );
  }
  const where = and(...filters);
  const pageNo = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  // The count joins the device too, since the search may look at its asset number and name.
  const [rows, [totals]] = await Promise.all([
    selectSummaries(deps.db)
      .where(where)
      .orderBy(desc(tickets.createdAt))
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize),
    deps.db
      .select({ total: count() })
      .from(tickets)
      .leftJoin(equipmentDevices, eq(equipmentDevices.id, tickets.deviceId))
      .where(where),
  ]);
  const now = deps.clock.now();
  return { items: rows.map((r) => toSummary(r, now, true)), total: totals?.total ?? 0 };
}

/** The ids of a category and its sub-categories (statistics filters). */
export async function categoryScope(db: Executor, categoryId: string): Promise<string[]> {
  return (await categoryTree(db)).descendants(categoryId);
}
