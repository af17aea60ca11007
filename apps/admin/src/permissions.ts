/**
 * The permissions this console asks about. The server decides who holds them and sends the list
 * with the session (`SessionInfo.permissions`); the console only hides what would be refused.
 */
export type Permission =
  | 'dashboard.read'
  | 'accounts.read'
  | 'accounts.manage'
  | 'notifications.read'
  | 'notifications.manage'
  | 'jobs.read'
  | 'wechat.manage'
  | 'directory.manage'
  | 'directory.read'
  | 'content.manage'
  | 'booking.manage'
  | 'appointments.read'
  | 'payments.read'
  | 'payments.refund'
  | 'equipment.read'
  | 'equipment.manage'
  | 'tickets.work'
  | 'tickets.manage'
  | 'tickets.stats'
  | 'lending.manage'
  | 'lending.stats';

/** True when no permission is required or the granted list holds it. */
export function holds(granted: readonly string[], required: Permission | undefined): boolean {
  return required === undefined || granted.includes(required);
}
