import { and, eq, inArray } from 'drizzle-orm';
import type { TicketActionBody, TicketStatus } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import { staffAccounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { ticketActor, type TicketActor } from './actor';
import { isAssignable } from './dispatch';
import {
  checkTransition,
  OPEN_STATUSES,
  recordTicketEvent,
  type LifecycleAction,
  type Party,
  type TicketRow,
} from './lifecycle';
import { noticeAssigned, noticeReopened, noticeReporters } from './notices';
import { attachPhotos, checkPhotos } from './photos';
import { ticketFollowers, ticketParts, tickets } from './schema';
import { standing, ticketDetail } from './views';

/** The fields an action cannot do without, checked after the state machine said yes. */
function requireFields(
  requires: readonly (keyof TicketActionBody)[],
  body: TicketActionBody,
): void {
  for (const field of requires) {
    const value = body[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      throw new DomainError('TICKET_FIELD_REQUIRED', { field });
  }
}

async function nameOf(tx: Tx, accountId: string | null): Promise<string | null> {
  if (!accountId) return null;
  const [row] = await tx
    .select({ name: staffAccounts.displayName })
    .from(staffAccounts)
    .where(eq(staffAccounts.id, accountId));
  return row?.name ?? null;
}

/**
 * Moves a ticket along its state machine (or adds a note), in one transaction: the checked
 * transition, the ticket's new state, the event with actor and time, photos and parts, and the
 * notices it causes. A ticket the actor may not see is NOT_FOUND.
 */
export async function actOnTicket(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: TicketActionBody,
) {
  const actor = await ticketActor(deps, meta);
  await checkPhotos(deps.db, actor, body.photoIds ?? []);
  await deps.db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
    if (!ticket) throw new DomainError('NOT_FOUND');
    const { parties, viewer } = await standing(tx, actor, ticket);
    if (!viewer) throw new DomainError('NOT_FOUND');
    await applyAction(deps, tx, actor, ticket, body.action, parties, body, meta);
  });
  return ticketDetail(deps, meta, actor, id);
}

/** One checked transition of a locked ticket; shared by people's actions and the jobs. */
export async function applyAction(
  deps: Deps,
  tx: Tx,
  actor: TicketActor,
  ticket: TicketRow,
  action: LifecycleAction,
  parties: ReadonlySet<Party>,
  body: Partial<TicketActionBody> = {},
  meta?: RequestMeta,
): Promise<TicketRow> {
  const from = ticket.status as TicketStatus;
  const transition = checkTransition(action, from, parties);
  requireFields(transition.requires, body as TicketActionBody);
  const now = deps.clock.now();
  const to = transition.to ?? from;
  const note = body.note?.trim() || null;
  const set: Partial<typeof tickets.$inferInsert> = { status: to, updatedAt: now };
  const details: Record<string, unknown> = {};
  let mergedIntoNo: string | undefined;

  switch (action) {
    case 'accept':
      set.assigneeId = actor.accountId;
      details.assigneeName = actor.name;
      break;
    case 'assign': {
      if (!(await isAssignable(tx, body.assigneeId!))) throw new DomainError('ASSIGNEE_INVALID');
      set.assigneeId = body.assigneeId!;
      details.assigneeId = body.assigneeId;
      details.assigneeName = await nameOf(tx, body.assigneeId!);
      break;
    }
    case 'wait':
      details.waitReason = body.waitReason;
      break;
    case 'resolve':
      set.resolution = body.resolution!.trim();
      break;
    case 'confirm':
      set.rating = body.rating!;
      set.ratingComment = note;
      details.rating = body.rating;
      break;
    case 'merge': {
      const [target] = await tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.id, body.mergeIntoId!), inArray(tickets.status, OPEN_STATUSES)));
      if (!target || target.id === ticket.id) throw new DomainError('TICKET_MERGE_TARGET');
      set.mergedIntoId = target.id;
      details.mergedIntoId = target.id;
      details.mergedIntoNo = target.no;
      mergedIntoNo = target.no;
      // The reporter and followers of the duplicate follow the ticket that goes on.
      const followers = await tx
        .select()
        .from(ticketFollowers)
        .where(eq(ticketFollowers.ticketId, ticket.id));
      const people = [
        ...(ticket.reporterOpenid
          ? [{ openid: ticket.reporterOpenid, name: ticket.reporterName }]
          : []),
        ...followers.map((f) => ({ openid: f.openid, name: f.name })),
      ].filter((p) => p.openid !== target.reporterOpenid);
      if (people.length)
        await tx
          .insert(ticketFollowers)
          .values(people.map((p) => ({ ticketId: target.id, ...p, joinedAt: now })))
          .onConflictDoNothing();
      break;
    }
    case 'note':
      if (!note && !(body.photoIds?.length ?? 0) && !(body.parts?.length ?? 0))
        throw new DomainError('TICKET_FIELD_REQUIRED', { field: 'note' });
      break;
    default:
      break;
  }

  const [updated] = await tx
    .update(tickets)
    .set(set)
    .where(and(eq(tickets.id, ticket.id), eq(tickets.status, from)))
    .returning();
  if (!updated) throw new DomainError('TICKET_STATE', { status: from, action });
  if (body.parts?.length) {
    details.parts = body.parts;
    await tx.insert(ticketParts).values(
      body.parts.map((p) => ({
        ticketId: ticket.id,
        name: p.name.trim(),
        quantity: p.quantity,
        unitCostFen: p.unitCostFen,
        recordedBy: actor.accountId,
        at: now,
      })),
    );
  }
  const eventId = await recordTicketEvent(tx, {
    ticketId: ticket.id,
    action,
    from,
    to,
    actor,
    at: now,
    note: action === 'resolve' ? (note ?? body.resolution!.trim()) : note,
    details,
  });
  await attachPhotos(tx, actor, body.photoIds ?? [], ticket.id, eventId);

  const assigneeName = await nameOf(tx, updated.assigneeId);
  await noticeReporters(
    deps,
    tx,
    updated,
    { eventId, action, from, to, assigneeName, note, ...(mergedIntoNo && { mergedIntoNo }) },
    actor.openid,
  );
  if (action === 'assign') await noticeAssigned(deps, tx, updated, eventId, actor.openid);
  if (action === 'reopen') await noticeReopened(deps, tx, updated, eventId, actor.openid);
  if (meta)
    await recordAudit(tx, meta, {
      action: `ticket.${action}`,
      result: 'success',
      objectType: 'ticket',
      objectId: ticket.id,
    });
  return updated;
}
