import type {
  engineerRoutes as EngineerRoutes,
  lendingRoutes as LendingRoutes,
  repairRoutes as RepairRoutes,
  staffBindingRoutes as StaffBindingRoutes,
} from '@zhangyi/contracts';

/**
 * The repair, engineer, staff-binding and lending routes as the typed client needs them at run
 * time: method and path only, typed as the contracts' definitions. Importing the definitions
 * themselves would bring every TypeBox schema of `tickets.ts` and `lending.ts` (console routes
 * included) into the report page's first load, about 20 kB gzip for nothing the browser uses.
 * `routes.test.ts` checks each method and path against the contracts.
 */
type Light<T> = { [K in keyof T]: T[K] };

function light<T>(table: Record<keyof T, string>): Light<T> {
  const routes: Record<string, { method: string; path: string }> = {};
  for (const [name, spec] of Object.entries<string>(table)) {
    const [method, path] = spec.split(' ') as [string, string];
    routes[name] = { method, path };
  }
  return routes as unknown as Light<T>;
}

export const repairRoutes = light<typeof RepairRoutes>({
  labelContext: 'GET /api/repair/labels/:token',
  deviceContext: 'GET /api/repair/devices/:id',
  devices: 'GET /api/repair/devices',
  departments: 'GET /api/repair/departments',
  faultTypes: 'GET /api/repair/fault-types',
  me: 'GET /api/repair/me',
  saveContact: 'PUT /api/repair/me',
  uploadPhoto: 'POST /api/tickets/photos',
  photo: 'GET /api/tickets/photos/:id',
  report: 'POST /api/tickets',
  join: 'POST /api/tickets/:id/join',
  mine: 'GET /api/tickets/mine',
  ticket: 'GET /api/tickets/:id',
  act: 'POST /api/tickets/:id/actions',
});

export const engineerRoutes = light<typeof EngineerRoutes>({
  me: 'GET /api/engineer/me',
  queue: 'GET /api/engineer/tickets',
  assignees: 'GET /api/engineer/assignees',
});

export const staffBindingRoutes = light<typeof StaffBindingRoutes>({
  status: 'GET /api/staff-binding',
  bind: 'POST /api/staff-binding',
  unbind: 'DELETE /api/staff-binding',
  list: 'GET /api/admin/staff-bindings',
  remove: 'DELETE /api/admin/staff-bindings/:id',
});

export const lendingRoutes = light<typeof LendingRoutes>({
  me: 'GET /api/lending/me',
  categories: 'GET /api/lending/categories',
  devices: 'GET /api/lending/devices',
  request: 'POST /api/lending/loans',
  list: 'GET /api/lending/loans',
  detail: 'GET /api/lending/loans/:id',
  cancel: 'POST /api/lending/loans/:id/cancel',
  requestReturn: 'POST /api/lending/loans/:id/return-request',
  approve: 'POST /api/lending/loans/:id/approve',
  reject: 'POST /api/lending/loans/:id/reject',
  confirm: 'POST /api/lending/loans/:id/confirm',
  handover: 'POST /api/lending/loans/:id/handover',
  scan: 'GET /api/lending/scan/:token',
  return: 'POST /api/lending/returns',
  disinfect: 'POST /api/lending/disinfections',
  overrides: 'GET /api/lending/overrides',
  requestOverride: 'POST /api/lending/overrides',
  grantOverride: 'POST /api/lending/overrides/:id/grant',
  statement: 'GET /api/lending/statement',
  announcements: 'GET /api/lending/announcements',
  announcement: 'GET /api/lending/announcements/:id',
});
