import {
  ApiError,
  XLSX_TYPE,
  adminDirectoryRoutes,
  hospitalRoutes,
  type AdminDepartment,
  type AdminDoctor,
  type DepartmentBody,
  type DoctorBody,
  type ErrorEnvelope,
  type HospitalBody,
  type HospitalOverview,
  type RouteQuery,
  type RouteResponse,
} from '@zhangyi/contracts';
import { usePreferencesStore } from '../stores/preferences';
import { useSessionStore } from '../stores/session';
import { call, reportUnauthenticated } from './client';

export type DoctorListQuery = RouteQuery<typeof adminDirectoryRoutes.doctors>;
export type DoctorPage = RouteResponse<typeof adminDirectoryRoutes.doctors>;
export type DoctorQrCode = RouteResponse<typeof adminDirectoryRoutes.doctorQrCode>;
export type ImportResult = RouteResponse<typeof adminDirectoryRoutes.importDirectory>;

/** The hospital as the public pages show it: name, contact, introduction and campuses. */
export function fetchHospital(): Promise<HospitalOverview> {
  return call(hospitalRoutes.overview);
}

/** Replaces the hospital's details and its whole campus list; answers the new overview. */
export function saveHospital(body: HospitalBody): Promise<HospitalOverview> {
  return call(adminDirectoryRoutes.saveHospital, { body });
}

/** Every department of both levels, with how many doctors each has. */
export function listDepartments(): Promise<AdminDepartment[]> {
  return call(adminDirectoryRoutes.departments);
}

export function createDepartment(body: DepartmentBody): Promise<AdminDepartment> {
  return call(adminDirectoryRoutes.createDepartment, { body });
}

export function updateDepartment(id: string, body: DepartmentBody): Promise<AdminDepartment> {
  return call(adminDirectoryRoutes.updateDepartment, { params: { id }, body });
}

/** Refused (DEPARTMENT_IN_USE) while sub-departments or doctors remain. */
export function deleteDepartment(id: string): Promise<void> {
  return call(adminDirectoryRoutes.deleteDepartment, { params: { id } }) as Promise<void>;
}

/** One page of doctors, optionally searched by name or code and limited to a department. */
export function listDoctors(query: DoctorListQuery): Promise<DoctorPage> {
  return call(adminDirectoryRoutes.doctors, { query });
}

export function createDoctor(body: DoctorBody): Promise<AdminDoctor> {
  return call(adminDirectoryRoutes.createDoctor, { body });
}

export function updateDoctor(id: string, body: DoctorBody): Promise<AdminDoctor> {
  return call(adminDirectoryRoutes.updateDoctor, { params: { id }, body });
}

export function deleteDoctor(id: string): Promise<void> {
  return call(adminDirectoryRoutes.deleteDoctor, { params: { id } }) as Promise<void>;
}

/** The doctor's permanent WeChat QR code; the server creates it on the first request. */
export function doctorQrCode(id: string): Promise<DoctorQrCode> {
  return call(adminDirectoryRoutes.doctorQrCode, { params: { id } });
}

/** Where the blank import workbook downloads from; a plain link carries the session cookie. */
export const importTemplateUrl = adminDirectoryRoutes.importTemplate.path;

/**
 * Sends an .xlsx workbook as the raw request body. The typed client only speaks JSON, so this
 * one call builds its own request, with the same CSRF token and language as the client.
 */
export async function importDirectory(file: Blob): Promise<ImportResult> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': XLSX_TYPE,
    'accept-language': usePreferencesStore().locale,
  };
  const token = useSessionStore().csrfToken;
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(adminDirectoryRoutes.importDirectory.path, {
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
  return payload as ImportResult;
}
