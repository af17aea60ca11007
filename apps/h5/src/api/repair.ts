import {
  ApiError,
  type ReportBody,
  type ReportContext,
  type ReportResult,
  type Reporter,
  type ReporterContactBody,
  type RepairDevice,
  type StaffBinding,
  type TicketActionBody,
  type TicketDetail,
  type TicketSummary,
} from '@zhangyi/contracts';
import { usePreferencesStore } from '../stores/preferences';
import { useSessionStore } from '../stores/session';
import { call } from './client';
import { engineerRoutes, repairRoutes, staffBindingRoutes } from './routes';

/** After a label scan: the device, its open ticket, fault types and who is reporting. */
export function fetchLabelContext(token: string): Promise<ReportContext> {
  return call(repairRoutes.labelContext, { params: { token } });
}

/** The same context for a device chosen without its label. */
export function fetchDeviceContext(id: string): Promise<ReportContext> {
  return call(repairRoutes.deviceContext, { params: { id } });
}

/** Departments, for the contact form and for reporting without a label. */
export function fetchRepairDepartments(): Promise<
  { id: string; parentId: string | null; name: string }[]
> {
  return call(repairRoutes.departments);
}

/** A department's devices in service. */
export function fetchRepairDevices(departmentId: string): Promise<RepairDevice[]> {
  return call(repairRoutes.devices, { query: { departmentId } });
}

/** Fault types offered when no device is chosen. */
export function fetchGenericFaultTypes(): Promise<ReportContext['faultTypes']> {
  return call(repairRoutes.faultTypes);
}

/** Who reports from this WeChat: bound staff, a known reporter, or new. */
export function fetchReporter(): Promise<Reporter> {
  return call(repairRoutes.me);
}

/** Changes the reporter's remembered contact details. */
export function saveReporterContact(body: ReporterContactBody): Promise<Reporter> {
  return call(repairRoutes.saveContact, { body });
}

/**
 * Uploads one photo as its raw bytes (the typed client speaks JSON only); the server judges the
 * type from the bytes and answers its id, to be attached to a report or an update.
 */
export async function uploadTicketPhoto(
  photo: Blob,
): Promise<{ id: string; contentType: string; size: number }> {
  const session = useSessionStore();
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': photo.type || 'image/jpeg',
    'accept-language': usePreferencesStore().locale,
  };
  if (session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  const response = await fetch(repairRoutes.uploadPhoto.path, {
    method: 'POST',
    headers,
    body: photo,
    credentials: 'same-origin',
  });
  const payload = (await response.json().catch(() => undefined)) as
    | { id: string; contentType: string; size: number; error?: { code?: string; message?: string } }
    | undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'INTERNAL_ERROR',
      payload?.error?.message ?? response.statusText,
    );
  }
  return payload!;
}

/** The address of a ticket photo the caller may see. */
export function ticketPhotoUrl(id: string): string {
  return repairRoutes.photo.path.replace(':id', encodeURIComponent(id));
}

/** Reports a fault; the same clientKey returns the same ticket. */
export function reportFault(body: ReportBody): Promise<ReportResult> {
  return call(repairRoutes.report, { body });
}

/** 我也遇到: follows an open ticket. */
export function joinTicket(
  id: string,
  body: { note?: string; contact?: ReporterContactBody },
): Promise<TicketDetail> {
  return call(repairRoutes.join, { params: { id }, body });
}

/** Tickets the caller reported or joined, newest first. */
export function fetchMyTickets(page = 1): Promise<{ items: TicketSummary[]; total: number }> {
  return call(repairRoutes.mine, { query: { page, pageSize: 50 } });
}

/** One ticket as the caller may see it. */
export function fetchTicket(id: string): Promise<TicketDetail> {
  return call(repairRoutes.ticket, { params: { id } });
}

/** Acts on a ticket (confirm, accept, resolve…); answers the ticket as it is now. */
export function actOnTicket(id: string, body: TicketActionBody): Promise<TicketDetail> {
  return call(repairRoutes.act, { params: { id }, body });
}

/** The engineer's groups, duty and queue counts. */
export function fetchEngineerMe() {
  return call(engineerRoutes.me);
}

/** Scopes of the engineer's queue. */
export type QueueScope = 'mine' | 'unassigned' | 'group' | 'done' | 'all';

/** The engineer's queue of one scope. */
export function fetchEngineerQueue(
  scope: QueueScope,
): Promise<{ items: TicketSummary[]; total: number }> {
  return call(engineerRoutes.queue, { query: { scope, pageSize: 50 } });
}

/** The staff account bound to this WeChat, if any. */
export function fetchStaffBinding(): Promise<StaffBinding> {
  return call(staffBindingRoutes.status);
}

/** Binds this WeChat to a staff account with its username and password. */
export function bindStaff(body: { username: string; password: string }): Promise<StaffBinding> {
  return call(staffBindingRoutes.bind, { body });
}

/** Unbinds this WeChat from its staff account. */
export function unbindStaff(): Promise<void> {
  return call(staffBindingRoutes.unbind);
}
