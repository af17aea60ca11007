import { and, asc, count, eq, gt, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type {
  DispatchRulesBody,
  DutyShiftBody,
  EngineerGroup,
  GroupBody,
  SlaBody,
  Urgency,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { isUniqueViolation } from '../../lib/sql';
import { staffAccounts, staffWechatBindings } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { departments } from '../directory/schema';
import { categoryTree } from '../equipment/categories';
import { equipmentCategories } from '../equipment/schema';
import { OPEN_STATUSES } from './lifecycle';
import { startOfLocalDay } from './time';
import {
  ticketDispatchRules,
  ticketDutyShifts,
  ticketGroupMembers,
  ticketGroups,
  ticketSettings,
  ticketSlaTargets,
  tickets,
} from './schema';

/** Targets until the hospital sets its own: minutes to accept and to resolve. */
export const DEFAULT_SLA: Record<Urgency, { acceptMinutes: number; resolveMinutes: number }> = {
  normal: { acceptMinutes: 30, resolveMinutes: 480 },
  urgent: { acceptMinutes: 15, resolveMinutes: 240 },
  critical: { acceptMinutes: 5, resolveMinutes: 60 },
};
const URGENCIES: Urgency[] = ['normal', 'urgent', 'critical'];
const WORKER_ROLES = ['engineer', 'equipment_manager'];
const OPEN = ['submitted', 'accepted', 'in_progress', 'waiting'];

// ——— SLA and settings ———

/** SLA targets per urgency, the hospital's or the defaults. */
export async function slaTargets(db: Executor) {
  const rows = await db.select().from(ticketSlaTargets);
  return URGENCIES.map((urgency) => {
    const row = rows.find((r) => r.urgency === urgency);
    return {
      urgency,
      acceptMinutes: row?.acceptMinutes ?? DEFAULT_SLA[urgency].acceptMinutes,
      resolveMinutes: row?.resolveMinutes ?? DEFAULT_SLA[urgency].resolveMinutes,
    };
  });
}

/** Changes SLA targets; tickets already submitted keep their deadlines. */
export async function saveSlaTargets(deps: Deps, meta: RequestMeta, body: SlaBody) {
  for (const t of body.targets)
    if (t.resolveMinutes < t.acceptMinutes)
      throw new DomainError('SLA_INVALID', { urgency: t.urgency });
  await deps.db.transaction(async (tx) => {
    for (const t of body.targets) {
      const values = { ...t, updatedAt: deps.clock.now() };
      await tx
        .insert(ticketSlaTargets)
        .values(values)
        .onConflictDoUpdate({ target: ticketSlaTargets.urgency, set: values });
    }
    await recordAudit(tx, meta, {
      action: 'tickets.sla',
      result: 'success',
      details: { targets: body.targets },
    });
  });
  return slaTargets(deps.db);
}

/** Ticket settings, the hospital's or the defaults. */
export async function ticketSettingsOf(db: Executor) {
  const [row] = await db.select().from(ticketSettings);
  return { autoCloseHours: row?.autoCloseHours ?? 72 };
}

/** Changes ticket settings. */
export async function saveTicketSettings(
  deps: Deps,
  meta: RequestMeta,
  body: { autoCloseHours: number },
) {
  const values = { ...body, updatedAt: deps.clock.now() };
  await deps.db
    .insert(ticketSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: ticketSettings.id, set: values });
  await recordAudit(deps.db, meta, {
    action: 'tickets.settings',
    result: 'success',
    details: body,
  });
  return ticketSettingsOf(deps.db);
}

// ——— Groups ———

/** The ids of the groups an account belongs to. */
export async function groupsOf(
  db: Executor,
  accountId: string,
): Promise<{ id: string; name: string; isLead: boolean }[]> {
  return db
    .select({ id: ticketGroups.id, name: ticketGroups.name, isLead: ticketGroupMembers.isLead })
    .from(ticketGroupMembers)
    .innerJoin(ticketGroups, eq(ticketGroups.id, ticketGroupMembers.groupId))
    .where(eq(ticketGroupMembers.accountId, accountId))
    .orderBy(ticketGroups.name);
}

/** Accounts on duty in a group at an instant. */
export async function onDutyIn(db: Executor, groupId: string, at: Date): Promise<string[]> {
  const rows = await db
    .select({ accountId: ticketDutyShifts.accountId })
    .from(ticketDutyShifts)
    .where(
      and(
        eq(ticketDutyShifts.groupId, groupId),
        lte(ticketDutyShifts.startsAt, at),
        gt(ticketDutyShifts.endsAt, at),
      ),
    );
  return [...new Set(rows.map((r) => r.accountId))];
}

async function onDutyAccounts(db: Executor, at: Date): Promise<Set<string>> {
  const rows = await db
    .select({ accountId: ticketDutyShifts.accountId })
    .from(ticketDutyShifts)
    .where(and(lte(ticketDutyShifts.startsAt, at), gt(ticketDutyShifts.endsAt, at)));
  return new Set(rows.map((r) => r.accountId));
}

/** Members of a group (leads only, if asked). */
export async function groupMembers(
  db: Executor,
  groupId: string,
  leadsOnly = false,
): Promise<string[]> {
  const rows = await db
    .select({ accountId: ticketGroupMembers.accountId })
    .from(ticketGroupMembers)
    .where(
      and(
        eq(ticketGroupMembers.groupId, groupId),
        leadsOnly ? eq(ticketGroupMembers.isLead, true) : undefined,
      ),
    );
  return rows.map((r) => r.accountId);
}

/** Every group with members, leads, WeChat binding and duty now. */
export async function listGroups(deps: Deps): Promise<EngineerGroup[]> {
  const groups = await deps.db.select().from(ticketGroups).orderBy(ticketGroups.name);
  const members = await deps.db
    .select({
      groupId: ticketGroupMembers.groupId,
      accountId: ticketGroupMembers.accountId,
      isLead: ticketGroupMembers.isLead,
      displayName: staffAccounts.displayName,
      bound: staffWechatBindings.openid,
    })
    .from(ticketGroupMembers)
    .innerJoin(staffAccounts, eq(staffAccounts.id, ticketGroupMembers.accountId))
    .leftJoin(staffWechatBindings, eq(staffWechatBindings.accountId, ticketGroupMembers.accountId))
    .orderBy(staffAccounts.displayName);
  const now = deps.clock.now();
  const shifts = await deps.db
    .select({ groupId: ticketDutyShifts.groupId, accountId: ticketDutyShifts.accountId })
    .from(ticketDutyShifts)
    .where(and(lte(ticketDutyShifts.startsAt, now), gt(ticketDutyShifts.endsAt, now)));
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    members: members
      .filter((m) => m.groupId === g.id)
      .map((m) => ({
        accountId: m.accountId,
        displayName: m.displayName,
        isLead: m.isLead,
        wechatBound: m.bound !== null,
        onDuty: shifts.some((s) => s.groupId === g.id && s.accountId === m.accountId),
      })),
  }));
}

async function checkMembers(db: Executor, body: GroupBody): Promise<void> {
  const ids = [...new Set(body.members.map((m) => m.accountId))];
  if (ids.length !== body.members.length) throw new DomainError('GROUP_MEMBER_INVALID');
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: staffAccounts.id, roles: staffAccounts.roles, disabled: staffAccounts.disabled })
    .from(staffAccounts)
    .where(inArray(staffAccounts.id, ids));
  const ok = rows.filter((r) => !r.disabled && r.roles.some((role) => WORKER_ROLES.includes(role)));
  if (ok.length !== ids.length) throw new DomainError('GROUP_MEMBER_INVALID');
}

async function saveGroup(deps: Deps, meta: RequestMeta, body: GroupBody, id?: string) {
  await checkMembers(deps.db, body);
  let groupId = id;
  try {
    await deps.db.transaction(async (tx) => {
      if (groupId) {
        const updated = await tx
          .update(ticketGroups)
          .set({ name: body.name })
          .where(eq(ticketGroups.id, groupId))
          .returning({ id: ticketGroups.id });
        if (updated.length === 0) throw new DomainError('NOT_FOUND');
        await tx.delete(ticketGroupMembers).where(eq(ticketGroupMembers.groupId, groupId));
      } else {
        const [row] = await tx.insert(ticketGroups).values({ name: body.name }).returning();
        groupId = row!.id;
      }
      if (body.members.length)
        await tx
          .insert(ticketGroupMembers)
          .values(body.members.map((m) => ({ groupId: groupId!, ...m })));
      await recordAudit(tx, meta, {
        action: id ? 'tickets.group_update' : 'tickets.group_create',
        result: 'success',
        objectType: 'ticket_group',
        objectId: groupId!,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CODE_TAKEN');
    throw error;
  }
  return (await listGroups(deps)).find((g) => g.id === groupId)!;
}

/** Adds an engineer group. */
export function createGroup(deps: Deps, meta: RequestMeta, body: GroupBody) {
  return saveGroup(deps, meta, body);
}

/** Renames a group and replaces its members. */
export function updateGroup(deps: Deps, meta: RequestMeta, id: string, body: GroupBody) {
  return saveGroup(deps, meta, body, id);
}

/**
 * Removes a group with its members, dispatch rules and duty shifts. Its closed tickets keep their
 * history and lose the group; while it has open ones it stays, or they would reach nobody.
 */
export async function deleteGroup(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [group] = await tx
      .select({ id: ticketGroups.id })
      .from(ticketGroups)
      .where(eq(ticketGroups.id, id))
      .for('update');
    if (!group) throw new DomainError('NOT_FOUND');
    const [open] = await tx
      .select({ n: count() })
      .from(tickets)
      .where(and(eq(tickets.groupId, id), inArray(tickets.status, OPEN_STATUSES)));
    if (open!.n > 0) throw new DomainError('GROUP_IN_USE', { openTickets: open!.n });
    await tx.delete(ticketGroups).where(eq(ticketGroups.id, id));
    await recordAudit(tx, meta, {
      action: 'tickets.group_delete',
      result: 'success',
      objectType: 'ticket_group',
      objectId: id,
    });
  });
}

// ——— Dispatch rules ———

/** The dispatch rules with the names a page shows. */
export async function listDispatchRules(db: Executor) {
  const rows = await db
    .select({
      rule: ticketDispatchRules,
      categoryName: equipmentCategories.name,
      departmentName: departments.name,
      groupName: ticketGroups.name,
    })
    .from(ticketDispatchRules)
    .innerJoin(ticketGroups, eq(ticketGroups.id, ticketDispatchRules.groupId))
    .leftJoin(equipmentCategories, eq(equipmentCategories.id, ticketDispatchRules.categoryId))
    .leftJoin(departments, eq(departments.id, ticketDispatchRules.departmentId))
    .orderBy(asc(ticketDispatchRules.sortOrder));
  return rows.map((r) => ({
    id: r.rule.id,
    categoryId: r.rule.categoryId,
    categoryName: r.categoryName,
    departmentId: r.rule.departmentId,
    departmentName: r.departmentName,
    groupId: r.rule.groupId,
    groupName: r.groupName,
    sortOrder: r.rule.sortOrder,
  }));
}

/** Replaces the dispatch rules as a whole. */
export async function saveDispatchRules(deps: Deps, meta: RequestMeta, body: DispatchRulesBody) {
  const keys = body.rules.map((r) => `${r.categoryId}|${r.departmentId}`);
  if (new Set(keys).size !== keys.length) throw new DomainError('DISPATCH_RULE_DUPLICATE');
  await deps.db.transaction(async (tx) => {
    await tx.delete(ticketDispatchRules);
    if (body.rules.length)
      await tx
        .insert(ticketDispatchRules)
        .values(body.rules.map((r, i) => ({ ...r, sortOrder: i })));
    await recordAudit(tx, meta, {
      action: 'tickets.dispatch_rules',
      result: 'success',
      details: { count: body.rules.length },
    });
  });
  return listDispatchRules(deps.db);
}

/**
 * The group a new ticket goes to: among rules matching the device's category (or an ancestor) and
 * the department, a rule naming both wins, then a category rule (the deeper category first), then
 * a department rule, then the default rule naming neither.
 */
export async function chooseGroup(
  db: Executor,
  categoryId: string | null,
  departmentId: string,
): Promise<string | null> {
  const rules = await db.select().from(ticketDispatchRules).orderBy(ticketDispatchRules.sortOrder);
  if (rules.length === 0) return null;
  const chain = categoryId ? (await categoryTree(db)).ancestors(categoryId).map((c) => c.id) : [];
  let best: { score: number; groupId: string } | undefined;
  for (const rule of rules) {
    if (rule.departmentId && rule.departmentId !== departmentId) continue;
    let categoryScore = 0;
    if (rule.categoryId) {
      const index = chain.indexOf(rule.categoryId);
      if (index < 0) continue;
      categoryScore = 10 - index;
    }
    const score =
      (rule.categoryId && rule.departmentId ? 100 : 0) +
      categoryScore * 2 +
      (rule.departmentId ? 1 : 0);
    if (!best || score > best.score) best = { score, groupId: rule.groupId };
  }
  return best?.groupId ?? null;
}

// ——— Roster ———

const MAX_SHIFT_MS = 7 * 24 * 3_600_000;

async function shiftRows(db: Executor, where: SQL | undefined) {
  const rows = await db
    .select({
      shift: ticketDutyShifts,
      groupName: ticketGroups.name,
      displayName: staffAccounts.displayName,
    })
    .from(ticketDutyShifts)
    .innerJoin(ticketGroups, eq(ticketGroups.id, ticketDutyShifts.groupId))
    .innerJoin(staffAccounts, eq(staffAccounts.id, ticketDutyShifts.accountId))
    .where(where)
    .orderBy(ticketDutyShifts.startsAt);
  return rows.map((r) => ({
    id: r.shift.id,
    groupId: r.shift.groupId,
    groupName: r.groupName,
    accountId: r.shift.accountId,
    displayName: r.displayName,
    startsAt: r.shift.startsAt.toISOString(),
    endsAt: r.shift.endsAt.toISOString(),
  }));
}

/** Shifts overlapping the local dates from–to. */
export async function listShifts(
  deps: Deps,
  query: { from: string; to: string; groupId?: string | undefined },
) {
  const start = startOfLocalDay(query.from, deps.config.timeZone);
  const end = new Date(startOfLocalDay(query.to, deps.config.timeZone).getTime() + 86_400_000);
  return shiftRows(
    deps.db,
    and(
      lt(ticketDutyShifts.startsAt, end),
      gt(ticketDutyShifts.endsAt, start),
      query.groupId ? eq(ticketDutyShifts.groupId, query.groupId) : undefined,
    ),
  );
}

/** Puts a member of a group on duty for a while (at most 7 days at a time). */
export async function addShift(deps: Deps, meta: RequestMeta, body: DutyShiftBody) {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const span = endsAt.getTime() - startsAt.getTime();
  const members = await groupMembers(deps.db, body.groupId);
  if (span <= 0 || span > MAX_SHIFT_MS || !members.includes(body.accountId))
    throw new DomainError('SHIFT_INVALID');
  const [row] = await deps.db
    .insert(ticketDutyShifts)
    .values({ groupId: body.groupId, accountId: body.accountId, startsAt, endsAt })
    .returning();
  await recordAudit(deps.db, meta, {
    action: 'tickets.shift_add',
    result: 'success',
    objectType: 'ticket_shift',
    objectId: row!.id,
  });
  return (await shiftRows(deps.db, eq(ticketDutyShifts.id, row!.id)))[0]!;
}

/** Removes a shift. */
export async function deleteShift(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  const removed = await deps.db
    .delete(ticketDutyShifts)
    .where(eq(ticketDutyShifts.id, id))
    .returning();
  if (removed.length === 0) throw new DomainError('NOT_FOUND');
  await recordAudit(deps.db, meta, {
    action: 'tickets.shift_delete',
    result: 'success',
    objectType: 'ticket_shift',
    objectId: id,
  });
}

// ——— Assignees ———

/** Active engineers and equipment managers, with groups, duty now, load and WeChat binding. */
export async function listAssignees(deps: Deps) {
  const accounts = await deps.db
    .select({
      id: staffAccounts.id,
      displayName: staffAccounts.displayName,
      bound: staffWechatBindings.openid,
    })
    .from(staffAccounts)
    .leftJoin(staffWechatBindings, eq(staffWechatBindings.accountId, staffAccounts.id))
    .where(
      and(
        eq(staffAccounts.disabled, false),
        sql`${staffAccounts.roles} && array['engineer','equipment_manager']::text[]`,
      ),
    )
    .orderBy(staffAccounts.displayName);
  const memberships = await deps.db
    .select({ accountId: ticketGroupMembers.accountId, name: ticketGroups.name })
    .from(ticketGroupMembers)
    .innerJoin(ticketGroups, eq(ticketGroups.id, ticketGroupMembers.groupId));
  const loads = await deps.db
    .select({ assigneeId: tickets.assigneeId, n: count() })
    .from(tickets)
    .where(inArray(tickets.status, OPEN))
    .groupBy(tickets.assigneeId);
  const duty = await onDutyAccounts(deps.db, deps.clock.now());
  return accounts.map((a) => ({
    accountId: a.id,
    displayName: a.displayName,
    groupNames: memberships.filter((m) => m.accountId === a.id).map((m) => m.name),
    onDuty: duty.has(a.id),
    openCount: loads.find((l) => l.assigneeId === a.id)?.n ?? 0,
    wechatBound: a.bound !== null,
  }));
}

/** True when the account is an active engineer or equipment manager (may be assigned). */
export async function isAssignable(db: Executor, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ roles: staffAccounts.roles, disabled: staffAccounts.disabled })
    .from(staffAccounts)
    .where(eq(staffAccounts.id, accountId));
  return !!row && !row.disabled && row.roles.some((r) => WORKER_ROLES.includes(r));
}
