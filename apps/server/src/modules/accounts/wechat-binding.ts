import { and, eq, inArray } from 'drizzle-orm';
import type { Role, StaffBinding } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { staffAccounts, staffWechatBindings } from './schema';
import { signIn, signOut } from './sessions';

/**
 * Staff members bind their WeChat once, inside the H5 pages, by signing in with their staff
 * username and password. The sign-in goes through the same checks as the console's (lockout after
 * repeated failures, disabled accounts refused, audit), and the session it opens is ended at once:
 * the binding, not a browser session, is what remains.
 */

export interface BoundStaff {
  accountId: string;
  displayName: string;
  roles: Role[];
  openid: string;
}

function appIdOf(deps: Deps): string {
  return deps.wechat?.config.appId ?? '';
}

function openidOf(meta: RequestMeta): string {
  if (meta.actor.type !== 'wechat_user') throw new DomainError('UNAUTHENTICATED');
  return meta.actor.openid;
}

/** The active staff account bound to a WeChat user, if any. */
export async function staffOfOpenid(
  deps: Deps,
  openid: string,
  db: Executor = deps.db,
): Promise<BoundStaff | undefined> {
  const [row] = await db
    .select({ account: staffAccounts, boundAt: staffWechatBindings.boundAt })
    .from(staffWechatBindings)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffWechatBindings.accountId))
    .where(
      and(eq(staffWechatBindings.appId, appIdOf(deps)), eq(staffWechatBindings.openid, openid)),
    );
  if (!row || row.account.disabled) return undefined;
  return {
    accountId: row.account.id,
    displayName: row.account.displayName,
    roles: row.account.roles as Role[],
    openid,
  };
}

/** The OpenIDs of staff accounts (active and bound in this Official Account), by account id. */
export async function openidsOfStaff(
  deps: Deps,
  accountIds: string[],
  db: Executor = deps.db,
): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .select({ accountId: staffWechatBindings.accountId, openid: staffWechatBindings.openid })
    .from(staffWechatBindings)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffWechatBindings.accountId))
    .where(
      and(
        eq(staffWechatBindings.appId, appIdOf(deps)),
        inArray(staffWechatBindings.accountId, accountIds),
        eq(staffAccounts.disabled, false),
      ),
    );
  return new Map(rows.map((r) => [r.accountId, r.openid]));
}

async function bindingOf(deps: Deps, openid: string): Promise<StaffBinding> {
  const [row] = await deps.db
    .select({ account: staffAccounts, boundAt: staffWechatBindings.boundAt })
    .from(staffWechatBindings)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffWechatBindings.accountId))
    .where(
      and(eq(staffWechatBindings.appId, appIdOf(deps)), eq(staffWechatBindings.openid, openid)),
    );
  if (!row || row.account.disabled) return { bound: false, account: null, boundAt: null };
  return {
    bound: true,
    account: {
      id: row.account.id,
      displayName: row.account.displayName,
      roles: row.account.roles,
    },
    boundAt: row.boundAt.toISOString(),
  };
}

/** The binding of the calling WeChat user. */
export async function bindingStatus(deps: Deps, meta: RequestMeta): Promise<StaffBinding> {
  return bindingOf(deps, openidOf(meta));
}

/**
 * Binds the calling WeChat user to the staff account whose password they know. One WeChat per
 * account and one account per WeChat: an existing binding must be removed first.
 */
export async function bindStaff(
  deps: Deps,
  meta: RequestMeta,
  input: { username: string; password: string },
): Promise<StaffBinding> {
  const openid = openidOf(meta);
  const { sessionId, session } = await signIn(deps, meta, input);
  await signOut(deps, meta, sessionId);
  const accountId = session.account.id;
  const appId = appIdOf(deps);
  await deps.db.transaction(async (tx) => {
    const existing = await tx
      .select({ accountId: staffWechatBindings.accountId })
      .from(staffWechatBindings)
      .where(and(eq(staffWechatBindings.appId, appId), eq(staffWechatBindings.openid, openid)));
    const ofAccount = await tx
      .select({ openid: staffWechatBindings.openid, appId: staffWechatBindings.appId })
      .from(staffWechatBindings)
      .where(eq(staffWechatBindings.accountId, accountId));
    const same = existing[0]?.accountId === accountId;
    if (same) return;
    // A binding left from another Official Account is stale; anything else must be unbound first.
    if (existing.length > 0 || ofAccount.some((b) => b.appId === appId)) {
      throw new DomainError('STAFF_ALREADY_BOUND');
    }
    await tx.delete(staffWechatBindings).where(eq(staffWechatBindings.accountId, accountId));
    await tx
      .insert(staffWechatBindings)
      .values({ accountId, openid, appId, boundAt: deps.clock.now() });
    await recordAudit(tx, meta, {
      action: 'staff.wechat_bind',
      result: 'success',
      objectType: 'staff_account',
      objectId: accountId,
    });
  });
  return bindingOf(deps, openid);
}

/** Removes the calling WeChat user's binding. */
export async function unbindSelf(deps: Deps, meta: RequestMeta): Promise<void> {
  const openid = openidOf(meta);
  const removed = await deps.db
    .delete(staffWechatBindings)
    .where(
      and(eq(staffWechatBindings.appId, appIdOf(deps)), eq(staffWechatBindings.openid, openid)),
    )
    .returning({ accountId: staffWechatBindings.accountId });
  for (const row of removed) {
    await recordAudit(deps.db, meta, {
      action: 'staff.wechat_unbind',
      result: 'success',
      objectType: 'staff_account',
      objectId: row.accountId,
    });
  }
}

/** Every bound account, for the administrators. */
export async function listStaffBindings(deps: Deps) {
  const rows = await deps.db
    .select({ account: staffAccounts, boundAt: staffWechatBindings.boundAt })
    .from(staffWechatBindings)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffWechatBindings.accountId))
    .where(eq(staffWechatBindings.appId, appIdOf(deps)))
    .orderBy(staffAccounts.displayName);
  return rows.map((r) => ({
    accountId: r.account.id,
    username: r.account.username,
    displayName: r.account.displayName,
    roles: r.account.roles,
    boundAt: r.boundAt.toISOString(),
  }));
}

/** An administrator removes an account's binding (a lost phone, a departure). */
export async function removeStaffBinding(
  deps: Deps,
  meta: RequestMeta,
  accountId: string,
): Promise<void> {
  const removed = await deps.db
    .delete(staffWechatBindings)
    .where(eq(staffWechatBindings.accountId, accountId))
    .returning({ accountId: staffWechatBindings.accountId });
  if (removed.length === 0) throw new DomainError('NOT_FOUND');
  await recordAudit(deps.db, meta, {
    action: 'staff.wechat_unbind',
    result: 'success',
    objectType: 'staff_account',
    objectId: accountId,
  });
}
