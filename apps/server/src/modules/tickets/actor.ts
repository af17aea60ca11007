import { eq } from 'drizzle-orm';
import type { Role } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { can } from '../../policy';
import { staffAccounts } from '../accounts/schema';
import { staffOfOpenid } from '../accounts/wechat-binding';
import { ticketReporters } from './schema';

/**
 * Who acts on tickets. Staff act from the console (a staff session) or from WeChat (a WeChat
 * session whose OpenID is bound to their account); everyone else in WeChat is a reporter.
 */
export interface TicketActor {
  type: 'staff' | 'wechat_user' | 'system';
  /** The staff account, when the actor is staff (directly or through a bound WeChat). */
  accountId: string | null;
  /** The WeChat user, when acting from WeChat. */
  openid: string | null;
  roles: Role[];
  name: string;
}

export const systemActor: TicketActor = {
  type: 'system',
  accountId: null,
  openid: null,
  roles: [],
  name: '系统',
};

/** Resolves the caller of a request into a ticket actor. */
export async function ticketActor(
  deps: Deps,
  meta: RequestMeta,
  db: Executor = deps.db,
): Promise<TicketActor> {
  const actor = meta.actor;
  if (actor.type === 'staff') {
    const [row] = await db
      .select({ name: staffAccounts.displayName })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, actor.accountId));
    return {
      type: 'staff',
      accountId: actor.accountId,
      openid: null,
      roles: actor.roles,
      name: row?.name ?? '',
    };
  }
  if (actor.type === 'wechat_user') {
    const staff = await staffOfOpenid(deps, actor.openid, db);
    if (staff)
      return {
        type: 'wechat_user',
        accountId: staff.accountId,
        openid: actor.openid,
        roles: staff.roles,
        name: staff.displayName,
      };
    const [reporter] = await db
      .select({ name: ticketReporters.name })
      .from(ticketReporters)
      .where(eq(ticketReporters.openid, actor.openid));
    return {
      type: 'wechat_user',
      accountId: null,
      openid: actor.openid,
      roles: [],
      name: reporter?.name ?? '微信用户',
    };
  }
  if (actor.type === 'system') return systemActor;
  throw new DomainError('UNAUTHENTICATED');
}

function asStaff(actor: TicketActor) {
  return { type: 'staff' as const, accountId: actor.accountId ?? '', roles: actor.roles };
}

/** Engineers, equipment managers and administrators work tickets. */
export function isWorker(actor: TicketActor): boolean {
  return actor.accountId !== null && can(asStaff(actor), 'tickets.work');
}

/** Equipment managers and administrators steer every ticket. */
export function isManager(actor: TicketActor): boolean {
  return actor.accountId !== null && can(asStaff(actor), 'tickets.manage');
}

/** Refuses WeChat users who are not bound staff with the work permission. */
export function requireWorker(actor: TicketActor): void {
  if (actor.accountId === null) throw new DomainError('STAFF_NOT_BOUND');
  if (!isWorker(actor)) throw new DomainError('FORBIDDEN', { permission: 'tickets.work' });
}
