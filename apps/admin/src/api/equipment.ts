import {
  ApiError,
  CSV_TYPE,
  PDF_TYPE,
  XLSX_TYPE,
  equipmentRoutes as routes,
  type CategoryBody,
  type DeviceBody,
  type DeviceImportResult,
  type DeviceListQuery,
  type ErrorEnvelope,
  type LabelSize,
  type RouteResponse,
} from '@zhangyi/contracts';
import { usePreferencesStore } from '../stores/preferences';
import { useSessionStore } from '../stores/session';
import { call, reportUnauthenticated } from './client';
import { downloadExport, downloadFile } from './download';

export type EquipmentCategory = RouteResponse<typeof routes.categories>[number];
export type EquipmentDepartment = RouteResponse<typeof routes.departments>[number];
export type DevicePage = RouteResponse<typeof routes.devices>;
export type Device = DevicePage['items'][number];
export type DeviceDetail = RouteResponse<typeof routes.device>;
export type LabelPreview = RouteResponse<typeof routes.deviceLabel>;
/** The list's filters without paging (also what exports and label sheets take). */
export type DeviceFilters = Omit<DeviceListQuery, 'page' | 'pageSize'>;

/** Departments to choose from in filters and forms (equipment.read, unlike the directory's). */
export function listEquipmentDepartments(): Promise<EquipmentDepartment[]> {
  return call(routes.departments, {});
}

/** The category tree, flat, parents before children. */
export function listCategories(): Promise<EquipmentCategory[]> {
  return call(routes.categories, {});
}

export function createCategory(body: CategoryBody): Promise<EquipmentCategory> {
  return call(routes.createCategory, { body });
}

export function updateCategory(id: string, body: CategoryBody): Promise<EquipmentCategory> {
  return call(routes.updateCategory, { params: { id }, body });
}

/** Removes a category without sub-categories, devices or fault types. */
export function deleteCategory(id: string): Promise<void> {
  return call(routes.deleteCategory, { params: { id } }) as Promise<void>;
}

/** One page of devices. */
export function listDevices(query: DeviceListQuery): Promise<DevicePage> {
  return call(routes.devices, { query });
}

/** A device with its history, labels and tickets. */
export function fetchDevice(id: string): Promise<DeviceDetail> {
  return call(routes.device, { params: { id } });
}

export function createDevice(body: DeviceBody): Promise<Device> {
  return call(routes.createDevice, { body });
}

export function updateDevice(id: string, body: DeviceBody): Promise<Device> {
  return call(routes.updateDevice, { params: { id }, body });
}

/** Removes a device registered by mistake; one with tickets is refused (retire it instead). */
export function deleteDevice(id: string): Promise<void> {
  return call(routes.deleteDevice, { params: { id } }) as Promise<void>;
}

export function exportDevices(filters: DeviceFilters): Promise<void> {
  return downloadExport(routes.exportDevices.path, filters, 'devices.xlsx');
}

/** Where the blank import workbook downloads from; a plain link carries the session cookie. */
export const deviceImportTemplateUrl = routes.importTemplate.path;

/**
 * The label sheet of the chosen devices (or of every device matching the filters) as a PDF.
 * Resolves to whether the server had a CJK font (`X-Label-Font: cjk`) to print Chinese names.
 */
export async function downloadLabels(
  size: LabelSize,
  selection: { ids: string[] } | DeviceFilters,
): Promise<{ cjkFont: boolean }> {
  const query =
    'ids' in selection ? { size, ids: selection.ids.join(',') } : { size, ...selection };
  const headers = await downloadFile(routes.labelSheet.path, query, 'labels.pdf', PDF_TYPE);
  return { cjkFont: headers.get('x-label-font') !== 'none' };
}

/** The device's active label (issued now if it has none), with a QR preview. */
export function fetchDeviceLabel(id: string): Promise<LabelPreview> {
  return call(routes.deviceLabel, { params: { id } });
}

/** Revokes the label: printed copies stop working; the next print issues a new one. */
export function revokeLabel(id: string, reason: string): Promise<void> {
  return call(routes.revokeLabel, { params: { id }, body: { reason } }) as Promise<void>;
}

/** The content type an import file is sent as, from its name (the server checks the bytes). */
export function importContentType(fileName: string): string {
  return /\.csv$/i.test(fileName) ? CSV_TYPE : XLSX_TYPE;
}

/**
 * Sends an .xlsx workbook or a .csv as the raw request body; all rows or none. A refusal is
 * IMPORT_INVALID with every problem in `details`.
 */
export async function importDevices(file: File): Promise<DeviceImportResult> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': importContentType(file.name),
    'accept-language': usePreferencesStore().locale,
  };
  const token = useSessionStore().csrfToken;
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(routes.importDevices.path, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = payload as ErrorEnvelope | undefined;
    if (response.status === 401) reportUnauthenticated();
    throw new ApiError(
      response.status,
      envelope?.error?.code ?? 'INTERNAL_ERROR',
      envelope?.error?.message ?? response.statusText,
      envelope?.error?.details,
    );
  }
  return payload as DeviceImportResult;
}
