import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Tx } from '../../db/client';
import { localDate } from '../../lib/time';
import { deviceRow } from '../equipment/devices';
import type { TicketActor } from './actor';
import { chooseGroup, slaTargets } from './dispatch';
import { recordTicketEvent } from './lifecycle';
import { noticeNewTicket } from './notices';
import { ticketCounters, tickets } from './schema';
import { OPEN_STATUSES } from './lifecycle';

/** What another module says when it opens a ticket on its own (a damaged return). */
export interface SystemTicketInput {
  deviceId: string;
  /** The department the fault is charged to (the borrowing department). */
  departmentId: string;
  description: string;
  /** The staff member whose action caused it; they stand as the reporter. */
  reporter: { accountId: string; name: string };
}

/**
 * Opens a repair ticket from another module, inside its transaction: recorded as reported by the
 * staff member (source `admin`), dispatched like any ticket. A device that already has an open
 * ticket gets the description added to it as a note instead: one open ticket per device.
 */
export async function openSystemTicket(
  deps: Deps,
  tx: Tx,
  input: SystemTicketInput,
): Promise<{ id: string; no: string; created: boolean }> {
  const now = deps.clock.now();
  const actor: TicketActor = {
    type: 'staff',
    accountId: input.reporter.accountId,
    openid: null,
    roles: [],
    name: input.reporter.name,
  };
  await tx.execute(
    sql`select pg_advisory_xact_lock(7240300, hashtext(${`device:${input.deviceId}`}))`,
  );
  const [open] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.deviceId, input.deviceId), inArray(tickets.status, OPEN_STATUSES)))
    .for('update');
  if (open) {
    await recordTicketEvent(tx, {
      ticketId: open.id,
      action: 'join',
      from: open.status as (typeof OPEN_STATUSES)[number],
      to: open.status as (typeof OPEN_STATUSES)[number],
      actor,
      at: now,
      note: input.description,
    });
    return { id: open.id, no: open.no, created: false };
  }
  const device = await deviceRow(tx, input.deviceId);
  const sla = (await slaTargets(tx)).find((t) => t.urgency === 'urgent')!;
  const day = localDate(now, deps.config.timeZone);
  const [counter] = await tx
    .insert(ticketCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({
      target: ticketCounters.day,
      set: { last: sql`${ticketCounters.last} + 1` },
    })
    .returning({ last: ticketCounters.last });
  const [ticket] = await tx
    .insert(tickets)
    .values({
      no: `BX${day.replace(/-/g, '')}${String(counter!.last).padStart(3, '0')}`,
      deviceId: input.deviceId,
      departmentId: input.departmentId,
      categoryId: device?.categoryId ?? null,
      faultTypeId: null,
      description: input.description,
      urgency: 'urgent',
      status: 'submitted',
      source: 'admin',
      reporterOpenid: null,
      reporterAccountId: input.reporter.accountId,
      reporterName: input.reporter.name,
      reporterPhoneEncrypted: null,
      clientKey: null,
      groupId: await chooseGroup(tx, device?.categoryId ?? null, input.departmentId),
      acceptDueAt: new Date(now.getTime() + sla.acceptMinutes * 60_000),
      resolveDueAt: new Date(now.getTime() + sla.resolveMinutes * 60_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordTicketEvent(tx, {
    ticketId: ticket!.id,
    action: 'submit',
    from: null,
    to: 'submitted',
    actor,
    at: now,
    note: input.description,
    details: { source: 'admin', system: 'lending' },
  });
  await noticeNewTicket(deps, tx, ticket!, null);
  return { id: ticket!.id, no: ticket!.no, created: true };
}

/** The numbers of tickets by id (for showing a ticket another module opened). */
export async function ticketNumbers(
  db: Tx | Deps['db'],
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: tickets.id, no: tickets.no })
    .from(tickets)
    .where(inArray(tickets.id, ids));
  return new Map(rows.map((r) => [r.id, r.no]));
}
