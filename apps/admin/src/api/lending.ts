import {
  adminLendingRoutes as routes,
  type AnnouncementBody,
  type LendingAnnouncement,
  type LendingCategory,
  type LendingCategoryBody,
  type LendingSettings,
  type LendingStats,
  type LendingStatsQuery,
  type LoanDetail,
  type LoanListQuery,
  type Override,
  type PoolDevice,
  type PoolDeviceBody,
  type RouteQuery,
  type RouteResponse,
  type Statement,
} from '@zhangyi/contracts';
import { call } from './client';
import { downloadExport } from './download';

export type LoanPage = RouteResponse<typeof routes.list>;
export type StatementQuery = RouteQuery<typeof routes.statement>;
export type PoolDeviceQuery = RouteQuery<typeof routes.devices>;
export type LendingApplicant = RouteResponse<typeof routes.applicants>[number];

/** A month's charges per department. */
export function fetchStatement(query: StatementQuery): Promise<Statement> {
  return call(routes.statement, { query });
}

/** The statement as a workbook: a summary sheet and a sheet of lines. */
export function exportStatement(query: StatementQuery): Promise<void> {
  return downloadExport(routes.statementExport.path, { ...query }, `statement-${query.month}.xlsx`);
}

export function fetchLendingStats(query: LendingStatsQuery): Promise<LendingStats> {
  return call(routes.stats, { query });
}

export function exportLendingStats(query: LendingStatsQuery): Promise<void> {
  return downloadExport(routes.statsExport.path, { ...query }, 'lending-stats.xlsx');
}

/** One page of requests and loans. */
export function listLoans(query: LoanListQuery): Promise<LoanPage> {
  return call(routes.list, { query });
}

/** A loan with devices, charges, events and the actions open to the reader. */
export function fetchLoan(id: string): Promise<LoanDetail> {
  return call(routes.detail, { params: { id } });
}

export function approveLoan(id: string, note?: string): Promise<LoanDetail> {
  return call(routes.approve, { params: { id }, body: { note } });
}

export function rejectLoan(id: string, reason: string): Promise<LoanDetail> {
  return call(routes.reject, { params: { id }, body: { reason } });
}

/** Confirms an emergency (先借后批) approval. */
export function confirmLoan(id: string, note?: string): Promise<LoanDetail> {
  return call(routes.confirm, { params: { id }, body: { note } });
}

export function cancelLoan(id: string, note?: string): Promise<LoanDetail> {
  return call(routes.cancel, { params: { id }, body: { note } });
}

/** Hands over a device chosen by id (the console has no camera), with a granted override. */
export function handOver(id: string, deviceId: string, overrideId?: string): Promise<LoanDetail> {
  return call(routes.handover, { params: { id }, body: { deviceId, overrideId } });
}

/** Takes a device back; damaged opens a repair ticket. Always accepted while it is out. */
export function returnDevice(deviceId: string, condition: 'ok' | 'damaged', note?: string) {
  return call(routes.return, { body: { deviceId, condition, note } });
}

/** 消毒完成: the returned device is clean again. */
export function disinfectDevice(deviceId: string): Promise<PoolDevice> {
  return call(routes.disinfect, { body: { deviceId } });
}

export function listOverrides(): Promise<Override[]> {
  return call(routes.overrides, {});
}

export function requestOverride(loanId: string, deviceId: string, reason: string) {
  return call(routes.requestOverride, { body: { loanId, deviceId, reason } });
}

/** A second, different manager grants an override (OVERRIDE_SAME_MANAGER otherwise). */
export function grantOverride(id: string): Promise<Override> {
  return call(routes.grantOverride, { params: { id } });
}

/** The pool with facts, derived readiness and custody. */
export function listPoolDevices(query: PoolDeviceQuery): Promise<PoolDevice[]> {
  return call(routes.devices, { query });
}

/** Adds a registry device to the pool or changes its facts. */
export function savePoolDevice(deviceId: string, body: PoolDeviceBody): Promise<PoolDevice> {
  return call(routes.saveDevice, { params: { id: deviceId }, body });
}

export function removePoolDevice(deviceId: string): Promise<void> {
  return call(routes.removeDevice, { params: { id: deviceId } }) as Promise<void>;
}

/** Holds (or releases) every pool device of a brand and model. */
export function recall(brand: string, model: string, hold: boolean, note: string | null) {
  return call(routes.recall, { body: { brand, model, hold, note } });
}

export function listLendingCategories(): Promise<LendingCategory[]> {
  return call(routes.categories, {});
}

export function saveLendingCategory(
  categoryId: string,
  body: LendingCategoryBody,
): Promise<LendingCategory> {
  return call(routes.saveCategory, { params: { id: categoryId }, body });
}

export function removeLendingCategory(categoryId: string): Promise<void> {
  return call(routes.removeCategory, { params: { id: categoryId } }) as Promise<void>;
}

export function listApplicants(): Promise<LendingApplicant[]> {
  return call(routes.applicants, {});
}

/** Registers a staff account as an applicant of a department (a second call moves it). */
export function saveApplicant(accountId: string, departmentId: string): Promise<LendingApplicant> {
  return call(routes.saveApplicant, { params: { accountId }, body: { departmentId } });
}

export function removeApplicant(accountId: string): Promise<void> {
  return call(routes.removeApplicant, { params: { accountId } }) as Promise<void>;
}

export function fetchLendingSettings(): Promise<LendingSettings> {
  return call(routes.settings, {});
}

export function saveLendingSettings(body: LendingSettings): Promise<LendingSettings> {
  return call(routes.saveSettings, { body });
}

export function listAnnouncements(): Promise<LendingAnnouncement[]> {
  return call(routes.announcements, {});
}

export function createAnnouncement(body: AnnouncementBody): Promise<LendingAnnouncement> {
  return call(routes.createAnnouncement, { body });
}

export function updateAnnouncement(
  id: string,
  body: AnnouncementBody,
): Promise<LendingAnnouncement> {
  return call(routes.updateAnnouncement, { params: { id }, body });
}

export function deleteAnnouncement(id: string): Promise<void> {
  return call(routes.deleteAnnouncement, { params: { id } }) as Promise<void>;
}
