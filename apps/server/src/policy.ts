import type { Role } from '@zhangyi/contracts';
import { DomainError } from './http/errors';
import { accountPermissions } from './modules/accounts/policy';
import { dashboardPermissions } from './modules/dashboard/policy';
import { notificationPermissions } from './modules/notifications/policy';
import { wechatPermissions } from './modules/wechat/policy';
import { directoryPermissions } from './modules/directory/policy';
import { contentPermissions } from './modules/content/policy';
import { equipmentPermissions } from './modules/equipment/policy';
import { ticketPermissions } from './modules/tickets/policy';
import { bookingPermissions } from './modules/booking/policy';
import { paymentPermissions } from './modules/payments/policy';
import { lendingPermissions } from './modules/lending/policy';

/** Who is asking. Staff sign in with a password; WeChat users arrive through OAuth. */
export type Actor =
  | { type: 'staff'; accountId: string; roles: Role[] }
  | { type: 'wechat_user'; openid: string }
  | { type: 'system' }
  | { type: 'anonymous' };

/**
 * Each module declares which roles hold each of its permissions; this is the one table every route
 * is checked against. Record-level rules (a user's own patients) live in the module's operations.
 */
const grants = {
  ...accountPermissions,
  ...dashboardPermissions,
  ...notificationPermissions,
  ...wechatPermissions,
  ...directoryPermissions,
  ...contentPermissions,
  ...equipmentPermissions,
  ...ticketPermissions,
  ...bookingPermissions,
  ...paymentPermissions,
  ...lendingPermissions,
} satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof grants;

/** True when the actor holds the permission through one of its roles. */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.type !== 'staff') return false;
  const allowed: readonly Role[] = grants[permission];
  return actor.roles.some((role) => allowed.includes(role));
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for staff without the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (actor.type === 'anonymous') throw new DomainError('UNAUTHENTICATED');
  if (!can(actor, permission)) throw new DomainError('FORBIDDEN', { permission });
}

/** The permissions an actor holds, for front ends to show or hide what the server would refuse. */
export function permissionsOf(actor: Actor): Permission[] {
  return (Object.keys(grants) as Permission[]).filter((p) => can(actor, p));
}
