import { Type, type Static } from 'typebox';
import { defineRoute } from './route';

export const DashboardSummary = Type.Object({
  accounts: Type.Object({
    total: Type.Integer(),
    active: Type.Integer(),
    byRole: Type.Record(Type.String(), Type.Integer()),
  }),
  departments: Type.Integer(),
  doctors: Type.Integer(),
});
export type DashboardSummary = Static<typeof DashboardSummary>;

export const dashboardRoutes = {
  summary: defineRoute({
    method: 'GET',
    path: '/api/admin/dashboard',
    summary: 'Counts for the admin dashboard',
    tag: 'dashboard',
    response: DashboardSummary,
  }),
};
