import {
  and,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  notInArray,
  sql,
  type SQL,
} from 'drizzle-orm';
import type {
  LoanAction,
  LoanDetail,
  LoanListQuery,
  LoanStatus,
  LoanSummary,
} from '@zhangyi/contracts';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { addDays, zonedInstant } from '../../lib/time';
import { staffAccounts } from '../accounts/schema';
import { departments } from '../directory/schema';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';
import { ticketNumbers } from '../tickets/service';
import type { LendingActor } from './actor';
import { chargeFen, billedUnits, wholeMinutes, type Rate } from './billing';
import { actionsFor, type LoanRow } from './lifecycle';
import {
  lendingCategorySettings,
  lendingLoanDevices,
  lendingLoanEvents,
  lendingLoans,
} from './schema';

type ItemRow = typeof lendingLoanDevices.$inferSelect;

/** States in which devices are (or may be) with the department. */
export const OUT_STATUSES: LoanStatus[] = ['handed_over', 'return_requested'];
export const OPEN_STATUSES: LoanStatus[] = [
  'requested',
  'approved',
  'handed_over',
  'return_requested',
];

/** The billing a loan item was handed over with. */
export function rateOf(item: ItemRow): Rate {
  return {
    unit: item.billingUnit as Rate['unit'],
    rateFen: item.rateFen,
    minimumFen: item.minimumFen,
  };
}

/** Minutes and charge of one handed-over device, to its return or now. */
export function itemCharge(item: ItemRow, now: Date) {
  const minutes = wholeMinutes(item.handedOverAt, item.returnedAt ?? now);
  const rate = rateOf(item);
  return { minutes, units: billedUnits(minutes, rate.unit), chargeFen: chargeFen(minutes, rate) };
}

/** Applicants see their department's loans; managers see every loan. */
export function canSee(actor: LendingActor, loan: Pick<LoanRow, 'departmentId'>): boolean {
  return actor.manager || (actor.departmentId !== null && actor.departmentId === loan.departmentId);
}

/** A loan the actor may see; NOT_FOUND otherwise, so ids of other departments cannot be probed. */
export async function visibleLoan(db: Executor, actor: LendingActor, id: string): Promise<LoanRow> {
  const [loan] = await db.select().from(lendingLoans).where(eq(lendingLoans.id, id));
  if (!loan || !canSee(actor, loan)) throw new DomainError('NOT_FOUND');
  return loan;
}

function isOverdue(loan: LoanRow, items: ItemRow[], now: Date): number {
  if (!loan.dueAt || !items.some((i) => i.returnedAt === null) || loan.dueAt >= now) return 0;
  return Math.floor((now.getTime() - loan.dueAt.getTime()) / 60_000);
}

/** Rows as list entries: names, counts and charges so far. */
export async function loanSummaries(
  deps: Deps,
  db: Executor,
  loans: LoanRow[],
): Promise<{ summaries: LoanSummary[]; items: Map<string, ItemRow[]> }> {
  if (loans.length === 0) return { summaries: [], items: new Map() };
  const ids = loans.map((l) => l.id);
  const names = async <T extends { id: string; name: string }>(rows: Promise<T[]>) =>
    new Map((await rows).map((r) => [r.id, r.name]));
  const [depts, people, cats] = await Promise.all([
    names(
      db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(inArray(departments.id, [...new Set(loans.map((l) => l.departmentId))])),
    ),
    names(
      db
        .select({ id: staffAccounts.id, name: staffAccounts.displayName })
        .from(staffAccounts)
        .where(inArray(staffAccounts.id, [...new Set(loans.map((l) => l.applicantId))])),
    ),
    names(
      db
        .select({ id: equipmentCategories.id, name: equipmentCategories.name })
        .from(equipmentCategories)
        .where(inArray(equipmentCategories.id, [...new Set(loans.map((l) => l.categoryId))])),
    ),
  ]);
  const asked = loans.flatMap((l) => (l.deviceId ? [l.deviceId] : []));
  const assets = asked.length
    ? await names(
        db
          .select({ id: equipmentDevices.id, name: equipmentDevices.assetNo })
          .from(equipmentDevices)
          .where(inArray(equipmentDevices.id, asked)),
      )
    : new Map<string, string>();
  const itemRows = await db
    .select()
    .from(lendingLoanDevices)
    .where(inArray(lendingLoanDevices.loanId, ids));
  const items = new Map<string, ItemRow[]>();
  for (const item of itemRows) items.set(item.loanId, [...(items.get(item.loanId) ?? []), item]);
  const now = deps.clock.now();
  const summaries = loans.map((loan): LoanSummary => {
    const mine = items.get(loan.id) ?? [];
    const overdueMinutes = isOverdue(loan, mine, now);
    return {
      id: loan.id,
      no: loan.no,
      status: loan.status as LoanStatus,
      departmentId: loan.departmentId,
      departmentName: depts.get(loan.departmentId) ?? '',
      applicantName: people.get(loan.applicantId) ?? '',
      categoryId: loan.categoryId,
      categoryName: cats.get(loan.categoryId) ?? '',
      requestedDevice: loan.deviceId
        ? { id: loan.deviceId, assetNo: assets.get(loan.deviceId) ?? '' }
        : null,
      quantity: loan.quantity,
      handedOver: mine.length,
      expectedHours: loan.expectedHours,
      purpose: loan.purpose,
      urgency: loan.urgency as 'normal' | 'urgent',
      emergency: loan.emergency,
      awaitingConfirmation: awaitingConfirmation(loan),
      confirmDueAt: loan.confirmDueAt?.toISOString() ?? null,
      dueAt: loan.dueAt?.toISOString() ?? null,
      overdue: overdueMinutes > 0,
      overdueMinutes,
      chargeFen: mine.reduce((sum, i) => sum + itemCharge(i, now).chargeFen, 0),
      createdAt: loan.createdAt.toISOString(),
      updatedAt: loan.updatedAt.toISOString(),
    };
  });
  return { summaries, items };
}

/** An emergency approval no manager has confirmed yet (and the loan still stands). */
export function awaitingConfirmation(loan: LoanRow): boolean {
  return (
    loan.emergency &&
    loan.confirmedAt === null &&
    loan.status !== 'cancelled' &&
    loan.status !== 'rejected'
  );
}

/** The actions open to the actor: the table's, narrowed by the loan's devices. */
export function loanActions(actor: LendingActor, loan: LoanRow, items: ItemRow[]): LoanAction[] {
  return actionsFor(actor, loan).filter((action) => {
    if (action === 'handover') return items.length < loan.quantity;
    if (action === 'return') return items.some((i) => i.returnedAt === null);
    if (action === 'disinfect')
      return items.some((i) => i.returnedAt !== null && i.disinfectedAt === null);
    if (action === 'confirm') return awaitingConfirmation(loan);
    return true;
  });
}

/** A loan in full as the actor may see it. */
export async function loanDetail(
  deps: Deps,
  actor: LendingActor,
  id: string,
  db: Executor = deps.db,
): Promise<LoanDetail> {
  const loan = await visibleLoan(db, actor, id);
  const { summaries, items } = await loanSummaries(deps, db, [loan]);
  const mine = items.get(loan.id) ?? [];
  const deviceIds = mine.map((i) => i.deviceId);
  const devices = deviceIds.length
    ? await db
        .select({
          id: equipmentDevices.id,
          assetNo: equipmentDevices.assetNo,
          name: equipmentDevices.name,
        })
        .from(equipmentDevices)
        .where(inArray(equipmentDevices.id, deviceIds))
    : [];
  const byId = new Map(devices.map((d) => [d.id, d]));
  const staffIds = [
    ...new Set(
      [
        loan.decidedBy,
        loan.confirmedBy,
        ...mine.flatMap((i) => [i.handedOverBy, i.returnedBy]),
      ].filter((x): x is string => x !== null),
    ),
  ];
  const staff = staffIds.length
    ? new Map(
        (
          await db
            .select({ id: staffAccounts.id, name: staffAccounts.displayName })
            .from(staffAccounts)
            .where(inArray(staffAccounts.id, staffIds))
        ).map((r) => [r.id, r.name]),
      )
    : new Map<string, string>();
  const who = (id: string | null) => (id ? (staff.get(id) ?? null) : null);
  const tickets = await ticketNumbers(
    db,
    mine.flatMap((i) => (i.ticketId ? [i.ticketId] : [])),
  );
  const events = await db
    .select()
    .from(lendingLoanEvents)
    .where(eq(lendingLoanEvents.loanId, loan.id))
    .orderBy(lendingLoanEvents.at, lendingLoanEvents.id);
  const [settings] = await db
    .select()
    .from(lendingCategorySettings)
    .where(eq(lendingCategorySettings.categoryId, loan.categoryId));
  const now = deps.clock.now();
  return {
    ...summaries[0]!,
    rejectReason: loan.rejectReason,
    decidedAt: loan.decidedAt?.toISOString() ?? null,
    decidedBy: who(loan.decidedBy),
    confirmedAt: loan.confirmedAt?.toISOString() ?? null,
    confirmedBy: who(loan.confirmedBy),
    billing: {
      unit: (settings?.billingUnit ?? 'hour') as 'hour' | 'day',
      rateFen: settings?.rateFen ?? 0,
      minimumFen: settings?.minimumFen ?? 0,
    },
    devices: mine
      .sort((a, b) => a.handedOverAt.getTime() - b.handedOverAt.getTime())
      .map((i) => ({
        deviceId: i.deviceId,
        assetNo: byId.get(i.deviceId)?.assetNo ?? '',
        name: byId.get(i.deviceId)?.name ?? '',
        handedOverAt: i.handedOverAt.toISOString(),
        handedOverBy: who(i.handedOverBy),
        returnedAt: i.returnedAt?.toISOString() ?? null,
        returnedBy: who(i.returnedBy),
        returnCondition: i.returnCondition as 'ok' | 'damaged' | null,
        returnNote: i.returnNote,
        ticketNo: i.ticketId ? (tickets.get(i.ticketId) ?? null) : null,
        disinfectedAt: i.disinfectedAt?.toISOString() ?? null,
        ...itemCharge(i, now),
        overridden: i.overrideId !== null,
      })),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      from: e.fromStatus as LoanStatus | null,
      to: e.toStatus as LoanStatus,
      actorName: e.actorName,
      at: e.at.toISOString(),
      note: e.note,
      details: e.details,
    })),
    actions: loanActions(actor, loan, mine),
  };
}

/** The loans an actor may see, filtered and paged; applicants only ever get their department. */
export async function listLoans(deps: Deps, actor: LendingActor, query: LoanListQuery) {
  const where: SQL[] = [];
  if (!actor.manager) {
    if (actor.departmentId === null) throw new DomainError('LENDING_NOT_APPLICANT');
    where.push(eq(lendingLoans.departmentId, actor.departmentId));
  } else if (query.departmentId) where.push(eq(lendingLoans.departmentId, query.departmentId));
  if (query.categoryId) where.push(eq(lendingLoans.categoryId, query.categoryId));
  if (query.status) where.push(eq(lendingLoans.status, query.status));
  if (query.scope === 'open') where.push(inArray(lendingLoans.status, OPEN_STATUSES));
  if (query.scope === 'closed') where.push(notInArray(lendingLoans.status, OPEN_STATUSES));
  const tz = deps.config.timeZone;
  if (query.from) where.push(gte(lendingLoans.createdAt, zonedInstant(query.from, '00:00', tz)));
  if (query.to)
    where.push(lt(lendingLoans.createdAt, zonedInstant(addDays(query.to, 1), '00:00', tz)));
  const now = deps.clock.now();
  if (query.overdue)
    where.push(inArray(lendingLoans.status, OUT_STATUSES), lt(lendingLoans.dueAt, now));
  if (query.awaitingConfirmation)
    where.push(
      eq(lendingLoans.emergency, true),
      isNull(lendingLoans.confirmedAt),
      notInArray(lendingLoans.status, ['cancelled', 'rejected']),
    );
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const [{ total }] = (await deps.db
    .select({ total: count() })
    .from(lendingLoans)
    .where(and(...where))) as [{ total: number }];
  const rows = await deps.db
    .select()
    .from(lendingLoans)
    .where(and(...where))
    .orderBy(desc(lendingLoans.createdAt), desc(lendingLoans.no))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const { summaries } = await loanSummaries(deps, deps.db, rows);
  return { items: summaries, total, page, pageSize };
}

/** Counts for the 个人 tab. */
export async function loanCounts(deps: Deps, actor: LendingActor) {
  const scope = actor.manager
    ? sql`true`
    : actor.departmentId
      ? eq(lendingLoans.departmentId, actor.departmentId)
      : sql`false`;
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({
      open: sql<number>`count(*) filter (where ${inArray(lendingLoans.status, OPEN_STATUSES)})::int`,
      overdue: sql<number>`count(*) filter (where ${inArray(lendingLoans.status, OUT_STATUSES)} and ${lt(lendingLoans.dueAt, now)})::int`,
      awaitingDecision: sql<number>`count(*) filter (where ${lendingLoans.status} = 'requested')::int`,
      awaitingConfirmation: sql<number>`count(*) filter (where ${lendingLoans.emergency} and ${lendingLoans.confirmedAt} is null and ${lendingLoans.status} not in ('cancelled','rejected'))::int`,
    })
    .from(lendingLoans)
    .where(scope);
  return {
    open: row?.open ?? 0,
    overdue: row?.overdue ?? 0,
    awaitingDecision: actor.manager ? (row?.awaitingDecision ?? 0) : 0,
    awaitingConfirmation: actor.manager ? (row?.awaitingConfirmation ?? 0) : 0,
  };
}
