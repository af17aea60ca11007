import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import type { AdminDoctor } from '@zhangyi/contracts';
import { deleteDoctor, listDoctors } from '../api/directory';
import { useErrorMessage } from './useErrorMessage';

/**
 * The doctors table: search text, department filter, pagination and the current page. The text
 * applies on `search()` so typing does not send a request per keystroke; the department filter
 * and the pager reload at once.
 */
export function useDoctors() {
  const searchText = ref('');
  const departmentId = ref('');
  const page = ref(1);
  const pageSize = ref(20);

  const items = shallowRef<AdminDoctor[]>([]);
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
      const result = await listDoctors({
        page: page.value,
        pageSize: pageSize.value,
        search: searchText.value.trim() || undefined,
        departmentId: departmentId.value || undefined,
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

  function search(): void {
    if (page.value === 1) void load();
    else page.value = 1;
  }

  /** Deletes and reloads, stepping back a page when the last row of the last page went. */
  async function remove(doctor: AdminDoctor): Promise<void> {
    await deleteDoctor(doctor.id);
    if (items.value.length === 1 && page.value > 1) page.value -= 1;
    else await load();
  }

  watch([page, pageSize], () => void load());
  watch(departmentId, search);
  onMounted(load);

  return {
    searchText,
    departmentId,
    page,
    pageSize,
    items,
    total,
    loading,
    error,
    errorText,
    load,
    search,
    remove,
  };
}
