import type { TicketAction, TicketStatus } from '@zhangyi/contracts';

// Vocabulary copied from the contracts' tickets.ts, whose schemas the pages need not load;
// tickets.test.ts keeps them equal.
/** Urgencies a reporter may choose. */
export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
/** Why an engineer waits. */
export const WAIT_REASONS = ['parts', 'vendor', 'other'] as const;

/** Vant tag type of each ticket state: open work in blue or orange, done in green, ends grey. */
export const STATUS_TAGS: Record<
  TicketStatus,
  'primary' | 'warning' | 'success' | 'default' | 'danger'
> = {
  submitted: 'warning',
  accepted: 'primary',
  in_progress: 'primary',
  waiting: 'warning',
  resolved: 'success',
  closed: 'default',
  rejected: 'danger',
  merged: 'default',
};

/** Event kinds the timeline names; anything newer reads as a generic update. */
const KNOWN_EVENTS = [
  'submit',
  'join',
  'accept',
  'assign',
  'start',
  'wait',
  'resume',
  'resolve',
  'confirm',
  'reopen',
  'reject',
  'merge',
  'note',
  'escalate',
  'auto_close',
] as const;
export type KnownEvent = (typeof KNOWN_EVENTS)[number] | 'other';

/** What one event adds besides its kind: who was assigned, why waiting, the rating, parts. */
export interface TimelineEntry {
  id: number;
  kind: KnownEvent;
  toStatus: TicketStatus;
  actorName: string;
  at: string;
  note: string | null;
  photoIds: string[];
  assigneeName: string | null;
  waitReason: 'parts' | 'vendor' | 'other' | null;
  rating: number | null;
  parts: { name: string; quantity: number }[];
}

interface EventLike {
  id: number;
  action: string;
  toStatus: TicketStatus;
  actorName: string;
  at: string;
  note: string | null;
  photoIds: string[];
  details: Record<string, unknown>;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** The ticket's events newest first, each with the facts its details carry, read defensively. */
export function timeline(events: readonly EventLike[]): TimelineEntry[] {
  return [...events]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id)
    .map((event) => {
      const d = event.details ?? {};
      const reason = text(d.waitReason);
      const parts = Array.isArray(d.parts) ? (d.parts as unknown[]) : [];
      return {
        id: event.id,
        kind: (KNOWN_EVENTS as readonly string[]).includes(event.action)
          ? (event.action as KnownEvent)
          : 'other',
        toStatus: event.toStatus,
        actorName: event.actorName,
        at: event.at,
        note: event.note,
        photoIds: event.photoIds,
        assigneeName: text(d.assigneeName),
        waitReason: reason === 'parts' || reason === 'vendor' || reason === 'other' ? reason : null,
        rating: typeof d.rating === 'number' ? d.rating : null,
        parts: parts.flatMap((p) => {
          const { name, quantity } = (p ?? {}) as { name?: unknown; quantity?: unknown };
          return typeof name === 'string' && typeof quantity === 'number'
            ? [{ name, quantity }]
            : [];
        }),
      };
    });
}

/**
 * The buttons the H5 pages offer, in the order a person looks for them (the step forward first).
 * Assigning and merging need the whole queue in view and stay in the console.
 */
const BUTTON_ORDER: readonly TicketAction[] = [
  'accept',
  'start',
  'resume',
  'resolve',
  'confirm',
  'wait',
  'note',
  'reopen',
  'reject',
];

/** The actions the server allows now that the H5 page offers, in button order. */
export function ticketButtons(actions: readonly { action: TicketAction }[]): TicketAction[] {
  const allowed = new Set(actions.map((a) => a.action));
  return BUTTON_ORDER.filter((action) => allowed.has(action));
}

/** Actions that go through without a form (nothing to write, nothing to rate). */
export function isImmediate(action: TicketAction, requires: readonly string[]): boolean {
  return ['accept', 'start', 'resume'].includes(action) && requires.length === 0;
}

/** What the action form asks for: the server's required fields plus what may go with them. */
export function actionFields(
  action: TicketAction,
  requires: readonly string[],
): {
  note: boolean;
  noteRequired: boolean;
  resolution: boolean;
  waitReason: boolean;
  rating: boolean;
  photos: boolean;
  parts: boolean;
} {
  const worker = ['resolve', 'note', 'wait'].includes(action);
  return {
    note: action !== 'resolve',
    noteRequired: requires.includes('note'),
    resolution: action === 'resolve' || requires.includes('resolution'),
    waitReason: action === 'wait' || requires.includes('waitReason'),
    rating: action === 'confirm' || requires.includes('rating'),
    photos: worker,
    parts: action === 'resolve' || action === 'note',
  };
}

/** A part line the engineer typed: name, whole quantity ≥ 1, unit cost in yuan → fen. */
export function partFromInput(input: {
  name: string;
  quantity: string;
  unitCost: string;
}): { name: string; quantity: number; unitCostFen: number } | null {
  const name = input.name.trim();
  const quantity = Number(input.quantity);
  const cost = input.unitCost.trim() === '' ? 0 : Number(input.unitCost);
  if (!name || name.length > 60) return null;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000) return null;
  if (!Number.isFinite(cost) || cost < 0 || !/^\d+(\.\d{1,2})?$/.test(input.unitCost.trim() || '0'))
    return null;
  return { name, quantity, unitCostFen: Math.round(cost * 100) };
}
