import { ref, watch } from 'vue';
import type { Account, Role, UpdateAccountBody } from '@zhangyi/contracts';
import { listAccounts, updateAccount } from '../api/accounts';
import { usePagedList } from './usePagedList';

/**
 * The accounts table: filters, pagination and the current page of results. Changing the page
 * or page size reloads at once; the text filter applies on `search()` so that typing does not
 * send a request per keystroke.
 */
export function useAccounts() {
  const searchText = ref('');
  const role = ref<Role | ''>('');
  const list = usePagedList<Account>((paging) =>
    listAccounts({
      ...paging,
      search: searchText.value.trim() || undefined,
      role: role.value || undefined,
    }),
  );

  /** Saves a change to one account and puts the answer in place in the table. */
  async function update(id: string, body: UpdateAccountBody): Promise<Account> {
    const account = await updateAccount(id, body);
    list.replace(account);
    return account;
  }

  watch(role, list.search);

  return { ...list, searchText, role, update };
}
