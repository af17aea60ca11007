import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { STAFF_PICKER_LIMIT, type Role, type StaffPick } from '@zhangyi/contracts';
import type { Executor } from '../../db/client';
import { containsPattern } from '../../lib/sql';
import { staffAccounts } from './schema';

export interface StaffPickerInput {
  /** Part of the display name or username, any case; blank means everyone. */
  search?: string;
  /** Only staff holding this role. */
  role?: Role;
}

/**
 * Active staff for people pickers, by name: id, name, username and roles only, so that those who
 * assign people (equipment managers) need not read the accounts list with its phones and lock
 * states. Disabled accounts are never offered; a temporary sign-in lockout is not a reason to
 * leave someone out, and leaving them out would tell the caller about it. Not audited, unlike
 * the accounts list: nothing in the answer is more personal than a name on a ticket.
 */
export async function pickStaff(db: Executor, input: StaffPickerInput): Promise<StaffPick[]> {
  const filters: SQL[] = [eq(staffAccounts.disabled, false)];
  const search = input.search?.trim();
  if (search) {
    const pattern = containsPattern(search);
    filters.push(
      or(ilike(staffAccounts.displayName, pattern), ilike(staffAccounts.username, pattern))!,
    );
  }
  if (input.role) filters.push(sql`${input.role} = any(${staffAccounts.roles})`);
  const rows = await db
    .select({
      id: staffAccounts.id,
      displayName: staffAccounts.displayName,
      username: staffAccounts.username,
      roles: staffAccounts.roles,
    })
    .from(staffAccounts)
    .where(and(...filters))
    .orderBy(staffAccounts.displayName, staffAccounts.username)
    .limit(STAFF_PICKER_LIMIT);
  return rows.map((row) => ({ ...row, roles: row.roles as Role[] }));
}
