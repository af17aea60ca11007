import type {
  CategoryAvailability,
  HandoverBody,
  LendingAnnouncement,
  LendingMe,
  LoanDetail,
  LoanListQuery,
  LoanRequestBody,
  LoanSummary,
  Override,
  PoolDevice,
  ReturnBody,
  ScanContext,
  Statement,
} from '@zhangyi/contracts';
import { call } from './client';
import { lendingRoutes } from './routes';

/** 个人: who I am in the lending centre, my department and counts. */
export function fetchLendingMe(): Promise<LendingMe> {
  return call(lendingRoutes.me);
}

/** 申请: lendable categories with live availability. */
export function fetchLendingCategories(): Promise<CategoryAvailability[]> {
  return call(lendingRoutes.categories);
}

/** Pool devices of a category with their readiness, to ask for a specific one. */
export function fetchLendingDevices(categoryId: string): Promise<PoolDevice[]> {
  return call(lendingRoutes.devices, { query: { categoryId } });
}

/** Requests a category (or one device). */
export function requestLoan(body: LoanRequestBody): Promise<LoanDetail> {
  return call(lendingRoutes.request, { body });
}

/** 查询: the department's loans (every loan for managers). */
export function fetchLoans(
  query: LoanListQuery,
): Promise<{ items: LoanSummary[]; total: number; page: number; pageSize: number }> {
  return call(lendingRoutes.list, { query });
}

/** A loan with devices, charges, events and the actions open to me. */
export function fetchLoan(id: string): Promise<LoanDetail> {
  return call(lendingRoutes.detail, { params: { id } });
}

/** The loan actions that take only an optional note or a reason. */
export type SimpleLoanAction = 'cancel' | 'request_return' | 'approve' | 'confirm';

const simpleRoutes = {
  cancel: lendingRoutes.cancel,
  request_return: lendingRoutes.requestReturn,
  approve: lendingRoutes.approve,
  confirm: lendingRoutes.confirm,
} as const;

/** Cancels, asks for return, approves or confirms a loan. */
export function actOnLoan(
  id: string,
  action: SimpleLoanAction,
  note?: string,
): Promise<LoanDetail> {
  return call(simpleRoutes[action], { params: { id }, body: note ? { note } : {} });
}

/** Manager: rejects a request with a reason. */
export function rejectLoan(id: string, reason: string): Promise<LoanDetail> {
  return call(lendingRoutes.reject, { params: { id }, body: { reason } });
}

/** Manager: what a scanned label means. */
export function fetchScan(token: string): Promise<ScanContext> {
  return call(lendingRoutes.scan, { params: { token } });
}

/** Manager: hands a scanned device over on a loan. */
export function handOver(id: string, body: HandoverBody): Promise<LoanDetail> {
  return call(lendingRoutes.handover, { params: { id }, body });
}

/** Manager: takes a device back, with its condition. */
export function returnDevice(
  body: ReturnBody,
): Promise<{ loan: LoanDetail; ticketNo: string | null }> {
  return call(lendingRoutes.return, { body });
}

/** Manager: confirms a returned device disinfected. */
export function disinfectDevice(labelToken: string): Promise<PoolDevice> {
  return call(lendingRoutes.disinfect, { body: { labelToken } });
}

/** Manager: overrides pending or granted. */
export function fetchOverrides(): Promise<Override[]> {
  return call(lendingRoutes.overrides);
}

/** Manager: asks a second manager to let a blocked device go on one loan. */
export function requestOverride(body: {
  loanId: string;
  deviceId: string;
  reason: string;
}): Promise<Override> {
  return call(lendingRoutes.requestOverride, { body });
}

/** A second, different manager grants an override. */
export function grantOverride(id: string): Promise<Override> {
  return call(lendingRoutes.grantOverride, { params: { id } });
}

/** The month's statement of my department (managers: every department). */
export function fetchStatement(month: string): Promise<Statement> {
  return call(lendingRoutes.statement, { query: { month } });
}

/** 公告: published announcements, pinned first. */
export function fetchLendingAnnouncements(): Promise<LendingAnnouncement[]> {
  return call(lendingRoutes.announcements);
}

/** One published announcement. */
export function fetchLendingAnnouncement(id: string): Promise<LendingAnnouncement> {
  return call(lendingRoutes.announcement, { params: { id } });
}
