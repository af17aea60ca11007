import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { TicketStatus } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { applyAction } from './act';
import { systemActor } from './actor';
import { ticketSettingsOf } from './dispatch';
import { recordTicketEvent } from './lifecycle';
import { noticeEscalation } from './notices';
import { pruneUnattachedPhotos } from './photos';
import { ticketEvents, tickets } from './schema';
import { OPEN_STATUSES } from './lifecycle';

const BATCH = 200;

function notEscalated(kind: 'accept' | 'resolve') {
  return sql`not exists (select 1 from ${ticketEvents} e where e.ticket_id = ${tickets.id} and e.action = 'escalate' and e.details->>'kind' = ${kind})`;
}

/**
 * SLA escalation, once per ticket and deadline: a ticket still unaccepted past its accept deadline,
 * and one still unresolved past its resolve deadline, get an `escalate` event (the state does not
 * change) and a notice to the group's leads and the equipment managers.
 */
export async function escalateOverdue(deps: Deps): Promise<{ accept: number; resolve: number }> {
  const now = deps.clock.now();
  const counts = { accept: 0, resolve: 0 };
  for (const kind of ['accept', 'resolve'] as const) {
    const due = await deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          kind === 'accept'
            ? eq(tickets.status, 'submitted')
            : inArray(tickets.status, OPEN_STATUSES),
          lte(kind === 'accept' ? tickets.acceptDueAt : tickets.resolveDueAt, now),
          notEscalated(kind),
        ),
      )
      .limit(BATCH);
    for (const { id } of due) {
      await deps.db.transaction(async (tx) => {
        const [ticket] = await tx
          .select()
          .from(tickets)
          .where(and(eq(tickets.id, id), notEscalated(kind)))
          .for('update');
        if (!ticket) return;
        const deadline = kind === 'accept' ? ticket.acceptDueAt : ticket.resolveDueAt;
        const over = (now.getTime() - deadline.getTime()) / 60_000;
        await recordTicketEvent(tx, {
          ticketId: id,
          action: 'escalate',
          from: ticket.status as TicketStatus,
          to: ticket.status as TicketStatus,
          actor: systemActor,
          at: now,
          details: { kind, deadline: deadline.toISOString() },
        });
        await noticeEscalation(deps, tx, ticket, kind, over);
        counts[kind] += 1;
      });
    }
  }
  return counts;
}

/** Resolved tickets nobody confirmed or reopened within the configured hours close themselves. */
export async function autoCloseResolved(deps: Deps): Promise<number> {
  const { autoCloseHours } = await ticketSettingsOf(deps.db);
  const cutoff = new Date(deps.clock.now().getTime() - autoCloseHours * 3_600_000);
  const due = await deps.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.status, 'resolved'), lte(tickets.updatedAt, cutoff)))
    .limit(BATCH);
  let closed = 0;
  for (const { id } of due) {
    await deps.db.transaction(async (tx) => {
      const [ticket] = await tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.id, id), eq(tickets.status, 'resolved')))
        .for('update');
      if (!ticket) return;
      await applyAction(deps, tx, systemActor, ticket, 'auto_close', new Set(['system']), {
        note: `${autoCloseHours} 小时内未确认，自动完成`,
      });
      closed += 1;
    });
  }
  return closed;
}

/** The tickets module's scheduled jobs. */
export function ticketJobs(deps: Deps) {
  return [
    {
      name: 'tickets.escalate',
      schedule: '* * * * *',
      description:
        'Escalate tickets past their SLA deadlines to group leads and equipment managers',
      run: async () => escalateOverdue(deps),
    },
    {
      name: 'tickets.auto-close',
      schedule: '7 * * * *',
      description: 'Close resolved tickets the reporter neither confirmed nor reopened in time',
      run: async () => ({ closed: await autoCloseResolved(deps) }),
    },
    {
      name: 'tickets.photo-prune',
      schedule: '40 3 * * *',
      description: 'Delete report photos uploaded but never attached within a day',
      run: async () => ({ deleted: await pruneUnattachedPhotos(deps) }),
    },
  ];
}
