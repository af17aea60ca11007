import {
  directoryRoutes,
  type DepartmentDetail,
  type DoctorDetail,
  type DoctorSummary,
} from '@zhangyi/contracts';
import { call } from './client';

/** A department with its location, introduction and doctors (public). */
export function fetchDepartment(id: string): Promise<DepartmentDetail> {
  return call(directoryRoutes.department, { params: { id } });
}

/** A doctor's page (public). */
export function fetchDoctor(id: string): Promise<DoctorDetail> {
  return call(directoryRoutes.doctor, { params: { id } });
}

/** Doctors whose name or specialties contain `q`; every doctor when it is empty (public). */
export function searchDoctors(q: string): Promise<DoctorSummary[]> {
  return call(directoryRoutes.searchDoctors, { query: { q } });
}
