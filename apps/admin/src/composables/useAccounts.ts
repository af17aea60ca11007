import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import type { Account, Role, UpdateAccountBody } from '@zhangyi/contracts';
import { listAccounts, updateAccount } from '../api/accounts';
import { useErrorMessage } from './useErrorMessage';

/**
 * The accounts table: filters, pagination and the current page of results. Changing the page
 * or page size reloads at once; the text filter applies on `search()` so that typing does not
 * send a request per keystroke.
 */
export function useAccounts() {
  const searchText = ref('');
  const role = ref<Role | ''>('');
  const page = ref(1);
  const pageSize = ref(20);

  const items = shallowRef<Account[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let latest = 0;

  async function load(): Promise<void> {
    const id = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const result = await listAccounts({
        page: page.value,
        pageSize: pageSize.value,
        search: searchText.value.trim() || undefined,
        role: role.value || undefined,
      });
      if (id !== latest) return;
      items.value = result.items;
      total.value = result.total;
    } catch (cause) {
      if (id === latest) error.value = cause;
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  /** Applies the filters from the first page. */
  function search(): void {
    if (page.value === 1) void load();
    else page.value = 1;
  }

  /** Saves a change to one account and puts the answer in place in the table. */
  async function update(id: string, body: UpdateAccountBody): Promise<Account> {
    const account = await updateAccount(id, body);
    replace(account);
    return account;
  }

  /** Shows a changed account in place, without reloading the page. */
  function replace(account: Account): void {
    items.value = items.value.map((item) => (item.id === account.id ? account : item));
  }

  watch([page, pageSize], () => void load());
  watch(role, search);
  onMounted(load);

  return {
    searchText,
    role,
    page,
    pageSize,
    items,
    total,
    loading,
    error,
    errorText,
    load,
    search,
    update,
    replace,
  };
}
