import { computed, onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { useErrorMessage } from './useErrorMessage';

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * One page of a server-side list: pager, loading and error state, and the answer of the newest
 * request only (an older one that arrives late is dropped). The page's filters live with the
 * caller, which reads them in `fetchPage` and calls `search()` when they change.
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (paging: Paging) => Promise<{ items: T[]; total: number }>,
) {
  const page = ref(1);
  const pageSize = ref(20);
  const items = shallowRef<T[]>([]) as Ref<T[]>;
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
      const result = await fetchPage({ page: page.value, pageSize: pageSize.value });
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

  /** Shows a changed row in place, without reloading the page. */
  function replace(row: T): void {
    items.value = items.value.map((item) => (item.id === row.id ? row : item));
  }

  /** After a deletion: reloads, stepping back a page when the last row of the last page went. */
  async function afterRemove(): Promise<void> {
    if (items.value.length === 1 && page.value > 1) page.value -= 1;
    else await load();
  }

  watch([page, pageSize], () => void load());
  onMounted(load);

  return {
    page,
    pageSize,
    items,
    total,
    loading,
    error,
    errorText,
    load,
    search,
    replace,
    afterRemove,
  };
}
