import type { TicketActionBody, TicketStatus } from '@zhangyi/contracts';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import type { TicketActor } from './actor';
import { ticketEvents, type tickets } from './schema';

export type TicketRow = typeof tickets.$inferSelect;

/**
 * Who stands where to a ticket: its reporter, the engineer it is assigned to, an engineer of the
 * group it was dispatched to (any engineer while it has no group), a manager, or the system.
 */
export type Party = 'reporter' | 'assignee' | 'group' | 'manager' | 'system';

export type LifecycleAction = TicketActionBody['action'] | 'auto_close';

export interface Transition {
  action: LifecycleAction;
  from: readonly TicketStatus[];
  /** The state after; null keeps the state (notes). */
  to: TicketStatus | null;
  by: readonly Party[];
  /** Body fields the action cannot do without. */
  requires: readonly (keyof TicketActionBody)[];
}

const WORKING = ['submitted', 'accepted', 'in_progress', 'waiting'] as const;

/** States in which a ticket still waits for work. */
export const OPEN_STATUSES: TicketStatus[] = [...WORKING];

/**
 * The ticket's state machine: every allowed (state, action) with who may take it. Anything not
 * listed is refused — TICKET_STATE when the action does not apply to the state, and
 * TICKET_ACTION_FORBIDDEN when it does but not for this actor.
 */
export const TRANSITIONS: readonly Transition[] = [
  // Grab: an engineer of the group takes the ticket for themselves.
  { action: 'accept', from: ['submitted'], to: 'accepted', by: ['group', 'manager'], requires: [] },
  // Assign (or reassign): the new engineer starts from "accepted".
  { action: 'assign', from: WORKING, to: 'accepted', by: ['manager'], requires: ['assigneeId'] },
  { action: 'start', from: ['accepted'], to: 'in_progress', by: ['assignee'], requires: [] },
  {
    action: 'wait',
    from: ['in_progress'],
    to: 'waiting',
    by: ['assignee'],
    requires: ['waitReason'],
  },
  { action: 'resume', from: ['waiting'], to: 'in_progress', by: ['assignee'], requires: [] },
  {
    action: 'resolve',
    from: ['accepted', 'in_progress'],
    to: 'resolved',
    by: ['assignee', 'manager'],
    requires: ['resolution'],
  },
  { action: 'confirm', from: ['resolved'], to: 'closed', by: ['reporter'], requires: ['rating'] },
  { action: 'auto_close', from: ['resolved'], to: 'closed', by: ['system'], requires: [] },
  {
    action: 'reopen',
    from: ['resolved'],
    to: 'accepted',
    by: ['reporter', 'manager'],
    requires: ['note'],
  },
  {
    action: 'reject',
    from: WORKING,
    to: 'rejected',
    by: ['assignee', 'manager'],
    requires: ['note'],
  },
  {
    action: 'merge',
    from: WORKING,
    to: 'merged',
    by: ['assignee', 'manager'],
    requires: ['mergeIntoId'],
  },
  {
    action: 'note',
    from: ['accepted', 'in_progress', 'waiting'],
    to: null,
    by: ['assignee', 'manager'],
    requires: [],
  },
];

/** The transition an action takes from a state, after checking the actor's standing. */
export function checkTransition(
  action: LifecycleAction,
  status: TicketStatus,
  parties: ReadonlySet<Party>,
): Transition {
  const transition = TRANSITIONS.find((t) => t.action === action && t.from.includes(status));
  if (!transition) throw new DomainError('TICKET_STATE', { status, action });
  if (!transition.by.some((party) => parties.has(party)))
    throw new DomainError('TICKET_ACTION_FORBIDDEN', { status, action });
  return transition;
}

/** What the parties may do in a state, with the fields each action needs (for the buttons). */
export function availableActions(
  status: TicketStatus,
  parties: ReadonlySet<Party>,
): { action: TicketActionBody['action']; requires: string[] }[] {
  return TRANSITIONS.filter(
    (t) =>
      t.action !== 'auto_close' &&
      t.from.includes(status) &&
      t.by.some((party) => parties.has(party)),
  ).map((t) => ({ action: t.action as TicketActionBody['action'], requires: [...t.requires] }));
}

export interface EventInput {
  ticketId: string;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  actor: TicketActor;
  at: Date;
  note?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one event (transition or note) to a ticket's history; returns its id. */
export async function recordTicketEvent(db: Executor, input: EventInput): Promise<number> {
  const [row] = await db
    .insert(ticketEvents)
    .values({
      ticketId: input.ticketId,
      action: input.action,
      fromStatus: input.from,
      toStatus: input.to,
      actorType:
        input.actor.type === 'system' ? 'system' : input.actor.accountId ? 'staff' : 'wechat_user',
      actorAccountId: input.actor.accountId,
      actorOpenid: input.actor.openid,
      actorName: input.actor.name,
      at: input.at,
      note: input.note ?? null,
      details: input.details ?? {},
    })
    .returning({ id: ticketEvents.id });
  return row!.id;
}
