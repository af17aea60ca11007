import { eq } from 'drizzle-orm';
import type { Role } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { can } from '../../policy';
import { staffAccounts } from '../accounts/schema';
import { staffOfOpenid } from '../accounts/wechat-binding';
import { lendingApplicants } from './schema';

/**
 * Who acts in the lending centre: a staff member, from the console (staff session) or from
 * WeChat (an H5 session bound to their account). Applicants carry their department.
 */
export interface LendingActor {
  type: 'staff' | 'system';
  accountId: string | null;
  name: string;
  roles: Role[];
  /** The department the staff member requests for (lending_applicants); null: not an applicant. */
  departmentId: string | null;
  /** Holds lending.manage: sees every loan, decides, hands over, takes returns. */
  manager: boolean;
}

export const systemLendingActor: LendingActor = {
  type: 'system',
  accountId: null,
  name: '系统',
  roles: [],
  departmentId: null,
  manager: false,
};

/** Resolves the caller into a lending actor; WeChat users must be bound staff. */
export async function lendingActor(
  deps: Deps,
  meta: RequestMeta,
  db: Executor = deps.db,
): Promise<LendingActor> {
  let accountId: string;
  let roles: Role[];
  let name: string;
  if (meta.actor.type === 'staff') {
    accountId = meta.actor.accountId;
    roles = meta.actor.roles;
    const [row] = await db
      .select({ name: staffAccounts.displayName })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, accountId));
    name = row?.name ?? '';
  } else if (meta.actor.type === 'wechat_user') {
    const staff = await staffOfOpenid(deps, meta.actor.openid, db);
    if (!staff) throw new DomainError('STAFF_NOT_BOUND');
    accountId = staff.accountId;
    roles = staff.roles;
    name = staff.displayName;
  } else if (meta.actor.type === 'system') return systemLendingActor;
  else throw new DomainError('UNAUTHENTICATED');
  const [applicant] = await db
    .select({ departmentId: lendingApplicants.departmentId })
    .from(lendingApplicants)
    .where(eq(lendingApplicants.accountId, accountId));
  return {
    type: 'staff',
    accountId,
    name,
    roles,
    departmentId: applicant?.departmentId ?? null,
    manager: can({ type: 'staff', accountId, roles }, 'lending.manage'),
  };
}

/** Refuses anyone without lending.manage. */
export function requireManager(actor: LendingActor): void {
  if (!actor.manager) throw new DomainError('FORBIDDEN', { permission: 'lending.manage' });
}
