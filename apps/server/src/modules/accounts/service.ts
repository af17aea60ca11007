import { and, count, desc, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/sql';
import type { Account, CreateAccountBody, Role, UpdateAccountBody } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { hashPassword, passwordMeetsPolicy } from '../../lib/password';
import { maskPhone, type PiiCipher } from '../../lib/pii';
import { recordAudit } from '../audit/service';
import { staffAccounts } from './schema';
import { endSessionsOf } from './sessions';

type AccountRow = typeof staffAccounts.$inferSelect;

/** The public shape of an account: the phone masked, never the hash. */
export function toAccount(row: AccountRow, pii: PiiCipher): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    phoneMasked: row.phoneEncrypted ? maskPhone(pii.decrypt(row.phoneEncrypted)) : null,
    disabled: row.disabled,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function phoneColumns(pii: PiiCipher, phone: string | null) {
  return phone === null
    ? { phoneEncrypted: null, phoneHash: null }
    : { phoneEncrypted: pii.encrypt(phone), phoneHash: pii.lookupHash(phone) };
}

/** Creates a staff account; the password must meet the policy and the username be free. */
export async function createAccount(
  deps: Deps,
  meta: RequestMeta,
  input: CreateAccountBody,
): Promise<Account> {
  if (!passwordMeetsPolicy(input.password, input.username))
    throw new DomainError('PASSWORD_POLICY');
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffAccounts)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        ...phoneColumns(deps.pii, input.phone ?? null),
      })
      .onConflictDoNothing({ target: staffAccounts.username })
      .returning();
    if (!row) throw new DomainError('USERNAME_TAKEN');
    await recordAudit(tx, meta, {
      action: 'account.create',
      result: 'success',
      objectType: 'staff_account',
      objectId: row.id,
      details: { roles: input.roles, phone: input.phone !== undefined },
    });
    return toAccount(row, deps.pii);
  });
}

export interface AccountListInput {
  page?: number;
  pageSize?: number;
  search?: string;
  role?: Role;
}

/** Lists accounts by newest first; every listing is audited because it shows personal data. */
export async function listAccounts(
  deps: Deps,
  meta: RequestMeta,
  input: AccountListInput,
): Promise<{ items: Account[]; total: number }> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const filters: SQL[] = [];
  if (input.search) {
    const pattern = containsPattern(input.search);
    filters.push(
      or(ilike(staffAccounts.username, pattern), ilike(staffAccounts.displayName, pattern))!,
    );
  }
  if (input.role) filters.push(sql`${input.role} = any(${staffAccounts.roles})`);
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [totals]] = await Promise.all([
    deps.db
      .select()
      .from(staffAccounts)
      .where(where)
      .orderBy(desc(staffAccounts.createdAt), staffAccounts.username)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    deps.db.select({ total: count() }).from(staffAccounts).where(where),
  ]);
  await recordAudit(deps.db, meta, {
    action: 'account.list',
    result: 'success',
    objectType: 'staff_account',
    details: { page, returned: rows.length },
  });
  return { items: rows.map((row) => toAccount(row, deps.pii)), total: totals?.total ?? 0 };
}

async function activeAdminsOtherThan(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(staffAccounts)
    .where(
      and(
        ne(staffAccounts.id, id),
        eq(staffAccounts.disabled, false),
        sql`'admin' = any(${staffAccounts.roles})`,
      ),
    );
  return row?.n ?? 0;
}

/** Changes name, roles, phone or the disabled flag; the last active administrator stays one. */
export async function updateAccount(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  patch: UpdateAccountBody,
): Promise<Account> {
  return deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(staffAccounts)
      .where(eq(staffAccounts.id, id))
      .for('update');
    if (!current) throw new DomainError('NOT_FOUND');
    const losesAdmin =
      current.roles.includes('admin') &&
      !current.disabled &&
      (patch.disabled === true || (patch.roles !== undefined && !patch.roles.includes('admin')));
    if (losesAdmin) {
      // Serialise admin demotions so two concurrent ones cannot both pass the check.
      await tx.execute(sql`select pg_advisory_xact_lock(7240002)`);
      if ((await activeAdminsOtherThan(tx, id)) === 0) throw new DomainError('LAST_ADMIN');
    }
    const [row] = await tx
      .update(staffAccounts)
      .set({
        ...(patch.displayName !== undefined && { displayName: patch.displayName }),
        ...(patch.roles !== undefined && { roles: patch.roles }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(patch.phone !== undefined && phoneColumns(deps.pii, patch.phone)),
        updatedAt: deps.clock.now(),
      })
      .where(eq(staffAccounts.id, id))
      .returning();
    const rolesChanged =
      patch.roles !== undefined &&
      [...patch.roles].sort().join() !== [...current.roles].sort().join();
    if (patch.disabled === true || rolesChanged) {
      // A changed role set or a disabled account must not keep its old sessions.
      await endSessionsOf(tx, id);
    }
    await recordAudit(tx, meta, {
      action: 'account.update',
      result: 'success',
      objectType: 'staff_account',
      objectId: id,
      details: { fields: Object.keys(patch) },
    });
    return toAccount(row!, deps.pii);
  });
}

/** Counts for the dashboard. */
export async function accountCounts(
  db: Executor,
): Promise<{ total: number; active: number; byRole: Record<string, number> }> {
  const rows = await db
    .select({ role: sql<string>`unnest(${staffAccounts.roles})`, disabled: staffAccounts.disabled })
    .from(staffAccounts);
  const [totals] = await db
    .select({
      total: count(),
      active: sql<number>`count(*) filter (where not ${staffAccounts.disabled})::int`,
    })
    .from(staffAccounts);
  const byRole: Record<string, number> = {};
  for (const row of rows) byRole[row.role] = (byRole[row.role] ?? 0) + 1;
  return { total: totals?.total ?? 0, active: totals?.active ?? 0, byRole };
}
