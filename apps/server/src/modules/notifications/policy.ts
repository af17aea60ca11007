/** Notification templates and the log are administration; engineers may read the log. */
export const notificationPermissions = {
  'notifications.manage': ['admin'],
  'notifications.read': ['admin', 'engineer'],
  'jobs.read': ['admin', 'engineer'],
} as const;
