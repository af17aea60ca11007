import { dashboardRoutes, type DashboardSummary } from '@zhangyi/contracts';
import { call } from './client';

/** Account, department and doctor counts for the dashboard. */
export function fetchDashboard(): Promise<DashboardSummary> {
  return call(dashboardRoutes.summary);
}
