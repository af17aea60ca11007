import {
  accountRoutes,
  type Account,
  type CreateAccountBody,
  type RouteQuery,
  type RouteResponse,
  type StaffPick,
  type StaffPickerQuery,
  type UpdateAccountBody,
} from '@zhangyi/contracts';
import { call } from './client';

export type AccountListQuery = RouteQuery<typeof accountRoutes.list>;
export type AccountPage = RouteResponse<typeof accountRoutes.list>;
export type { StaffPick };

/** One page of staff accounts, optionally filtered by a search text and a role. */
export function listAccounts(query: AccountListQuery): Promise<AccountPage> {
  return call(accountRoutes.list, { query });
}

/** Creates a staff account; the password must satisfy the server's policy. */
export function createAccount(body: CreateAccountBody): Promise<Account> {
  return call(accountRoutes.create, { body });
}

/** Changes name, roles, phone or the disabled flag of an account. */
export function updateAccount(id: string, body: UpdateAccountBody): Promise<Account> {
  return call(accountRoutes.update, { params: { id }, body });
}

/**
 * Active staff to choose from in people pickers (at most 50, by name): what equipment managers
 * may read, unlike the accounts list, which is for administrators.
 */
export function pickStaff(query: StaffPickerQuery): Promise<StaffPick[]> {
  return call(accountRoutes.picker, { query });
}
