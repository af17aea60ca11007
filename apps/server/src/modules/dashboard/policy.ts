/** The admin dashboard is for every staff role that uses the console. */
export const dashboardPermissions = {
  'dashboard.read': ['admin', 'equipment_manager', 'engineer'],
} as const;
