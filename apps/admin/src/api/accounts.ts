import {
  accountRoutes,
  type Account,
  type CreateAccountBody,
  type RouteQuery,
  type RouteResponse,
  type UpdateAccountBody,
} from '@zhangyi/contracts';
import { call } from './client';

export type AccountListQuery = RouteQuery<typeof accountRoutes.list>;
export type AccountPage = RouteResponse<typeof accountRoutes.list>;

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
