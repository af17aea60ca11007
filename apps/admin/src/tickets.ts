import type { AdminTicketQuery, TicketAction, TicketActionBody } from '@zhangyi/contracts';
import { parseYuan } from './money';

/** The list's filters as the page holds them ('' = any). */
export interface TicketListFilters {
  /** A status, `open` for every open one, or ''. */
  status: string;
  departmentId: string;
  urgency: string;
  /** A fault type; a top-level one takes in its sub-types. */
  faultTypeId: string;
  /** The device's category, with its sub-categories. */
  categoryId: string;
  from: string;
  to: string;
  q: string;
  overdue: boolean;
}

/** The API query of the filters (without paging); empty choices are left out. */
export function ticketListQuery(
  filters: TicketListFilters,
): Omit<AdminTicketQuery, 'page' | 'pageSize'> {
  const query: Omit<AdminTicketQuery, 'page' | 'pageSize'> = {};
  if (filters.status) query.status = filters.status as AdminTicketQuery['status'];
  if (filters.departmentId) query.departmentId = filters.departmentId;
  if (filters.urgency) query.urgency = filters.urgency as AdminTicketQuery['urgency'];
  if (filters.faultTypeId) query.faultTypeId = filters.faultTypeId;
  if (filters.categoryId) query.categoryId = filters.categoryId;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.overdue) query.overdue = true;
  return query;
}

/** A part used, as typed in the action form (the cost in yuan). */
export interface PartInput {
  name: string;
  quantity: number;
  unitCost: string;
}

/** Everything the action form may hold; each action sends only what it takes. */
export interface ActionForm {
  note: string;
  assigneeId: string;
  waitReason: '' | 'parts' | 'vendor' | 'other';
  resolution: string;
  mergeIntoId: string;
  parts: PartInput[];
}

/** Which form fields an action shows: what it requires plus what it may carry. */
export function actionFields(action: TicketAction): (keyof ActionForm)[] {
  switch (action) {
    case 'assign':
      return ['assigneeId', 'note'];
    case 'wait':
      return ['waitReason', 'note'];
    case 'resolve':
      return ['resolution', 'parts'];
    case 'merge':
      return ['mergeIntoId', 'note'];
    case 'note':
      return ['note', 'parts'];
    default:
      return ['note'];
  }
}

/**
 * The request body of an action from the form: the fields the action takes, trimmed, empty
 * ones left out, parts with a name and their cost in fen. Null when a part's cost is not an
 * amount (the form says so before sending).
 */
export function actionBody(action: TicketAction, form: ActionForm): TicketActionBody | null {
  const fields = actionFields(action);
  const body: TicketActionBody = { action };
  const note = form.note.trim();
  if (fields.includes('note') && note) body.note = note;
  if (fields.includes('assigneeId') && form.assigneeId) body.assigneeId = form.assigneeId;
  if (fields.includes('waitReason') && form.waitReason) body.waitReason = form.waitReason;
  const resolution = form.resolution.trim();
  if (fields.includes('resolution') && resolution) body.resolution = resolution;
  if (fields.includes('mergeIntoId') && form.mergeIntoId) body.mergeIntoId = form.mergeIntoId;
  if (fields.includes('parts')) {
    const parts = [];
    for (const part of form.parts) {
      if (!part.name.trim()) continue;
      const unitCostFen = part.unitCost.trim() === '' ? 0 : parseYuan(part.unitCost);
      if (unitCostFen === null) return null;
      parts.push({ name: part.name.trim(), quantity: part.quantity, unitCostFen });
    }
    if (parts.length) body.parts = parts;
  }
  return body;
}

/** The cost of the parts recorded on a ticket, fen. */
export function partsTotalFen(parts: readonly { quantity: number; unitCostFen: number }[]): number {
  return parts.reduce((sum, part) => sum + part.quantity * part.unitCostFen, 0);
}
