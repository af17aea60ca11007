import {
  adminTicketRoutes as routes,
  staffBindingRoutes,
  type AdminTicketQuery,
  type DispatchRulesBody,
  type DutyShiftBody,
  type FaultTypeBody,
  type GroupBody,
  type RouteResponse,
  type SlaBody,
  type StatsQuery,
  type TicketActionBody,
  type TicketDetail,
  type TicketStats,
} from '@zhangyi/contracts';
import { call } from './client';
import { downloadExport } from './download';

export type TicketPage = RouteResponse<typeof routes.list>;
export type Assignee = RouteResponse<typeof routes.assignees>[number];
export type EngineerGroup = RouteResponse<typeof routes.groups>[number];
export type DispatchRule = RouteResponse<typeof routes.dispatchRules>[number];
export type DutyShift = RouteResponse<typeof routes.roster>[number];
export type SlaTarget = RouteResponse<typeof routes.sla>[number];
export type StaffBindingRow = RouteResponse<typeof staffBindingRoutes.list>[number];
/** The list's filters without paging. */
export type TicketFilters = Omit<AdminTicketQuery, 'page' | 'pageSize'>;

/** MTTA, MTTR, failure rates, Pareto, repeats, SLA and the procurement sheet of a period. */
export function fetchTicketStats(query: StatsQuery): Promise<TicketStats> {
  return call(routes.stats, { query });
}

/** Every statistics table and the tickets behind them as one workbook. */
export function exportTicketStats(query: StatsQuery): Promise<void> {
  return downloadExport(routes.statsExport.path, { ...query }, 'ticket-stats.xlsx');
}

/** One page of tickets (engineers: their groups' and their own). */
export function listTickets(query: AdminTicketQuery): Promise<TicketPage> {
  return call(routes.list, { query });
}

/** A ticket with its events, parts, device history and the actions open to the reader. */
export function fetchTicket(id: string): Promise<TicketDetail> {
  return call(routes.ticket, { params: { id } });
}

/** Acts on a ticket (assign, reject, merge, resolve…); the server checks state and person. */
export function actOnTicket(id: string, body: TicketActionBody): Promise<TicketDetail> {
  return call(routes.act, { params: { id }, body });
}

/** The address of a ticket photo for an <img> (the session cookie goes along). */
export function ticketPhotoUrl(id: string): string {
  return routes.photo.path.replace(':id', encodeURIComponent(id));
}

/** Engineers a ticket may be assigned to, with duty and load. */
export function listAssignees(): Promise<Assignee[]> {
  return call(routes.assignees, {});
}

export function listFaultTypes() {
  return call(routes.faultTypes, {});
}

export function createFaultType(body: FaultTypeBody) {
  return call(routes.createFaultType, { body });
}

export function updateFaultType(id: string, body: FaultTypeBody) {
  return call(routes.updateFaultType, { params: { id }, body });
}

/** Removes an unused fault type without children (a used one is disabled instead). */
export function deleteFaultType(id: string): Promise<void> {
  return call(routes.deleteFaultType, { params: { id } }) as Promise<void>;
}

export function listGroups(): Promise<EngineerGroup[]> {
  return call(routes.groups, {});
}

export function createGroup(body: GroupBody): Promise<EngineerGroup> {
  return call(routes.createGroup, { body });
}

export function updateGroup(id: string, body: GroupBody): Promise<EngineerGroup> {
  return call(routes.updateGroup, { params: { id }, body });
}

/** Removes a group with its rules and shifts. */
export function deleteGroup(id: string): Promise<void> {
  return call(routes.deleteGroup, { params: { id } }) as Promise<void>;
}

export function listDispatchRules(): Promise<DispatchRule[]> {
  return call(routes.dispatchRules, {});
}

/** Replaces every dispatch rule at once. */
export function saveDispatchRules(body: DispatchRulesBody): Promise<DispatchRule[]> {
  return call(routes.saveDispatchRules, { body });
}

/** Shifts overlapping the local dates from–to. */
export function listShifts(from: string, to: string): Promise<DutyShift[]> {
  return call(routes.roster, { query: { from, to } });
}

export function addShift(body: DutyShiftBody): Promise<DutyShift> {
  return call(routes.addShift, { body });
}

export function deleteShift(id: string): Promise<void> {
  return call(routes.deleteShift, { params: { id } }) as Promise<void>;
}

export function listSla(): Promise<SlaTarget[]> {
  return call(routes.sla, {});
}

/** New targets apply to tickets submitted afterwards. */
export function saveSla(body: SlaBody): Promise<SlaTarget[]> {
  return call(routes.saveSla, { body });
}

export function fetchTicketSettings() {
  return call(routes.settings, {});
}

export function saveTicketSettings(autoCloseHours: number) {
  return call(routes.saveSettings, { body: { autoCloseHours } });
}

/** Staff accounts bound to a WeChat. */
export function listStaffBindings(): Promise<StaffBindingRow[]> {
  return call(staffBindingRoutes.list, {});
}

/** Unbinds an account's WeChat (a lost phone, a departure). */
export function removeStaffBinding(accountId: string): Promise<void> {
  return call(staffBindingRoutes.remove, { params: { id: accountId } }) as Promise<void>;
}
