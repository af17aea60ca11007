import { hospitalRoutes, type HospitalOverview } from '@zhangyi/contracts';
import { call } from './client';

/** The hospital's name, contacts and department tree (public, no session needed). */
export function fetchHospitalOverview(): Promise<HospitalOverview> {
  return call(hospitalRoutes.overview);
}
