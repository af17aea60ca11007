import { ref, watch } from 'vue';
import type { AdminDoctor } from '@zhangyi/contracts';
import { deleteDoctor, listDoctors } from '../api/directory';
import { usePagedList } from './usePagedList';

/**
 * The doctors table: search text, department filter, pagination and the current page. The text
 * applies on `search()` so typing does not send a request per keystroke; the department filter
 * and the pager reload at once.
 */
export function useDoctors() {
  const searchText = ref('');
  const departmentId = ref('');
  const list = usePagedList<AdminDoctor>((paging) =>
    listDoctors({
      ...paging,
      search: searchText.value.trim() || undefined,
      departmentId: departmentId.value || undefined,
    }),
  );

  /** Deletes and reloads, stepping back a page when the last row of the last page went. */
  async function remove(doctor: AdminDoctor): Promise<void> {
    await deleteDoctor(doctor.id);
    await list.afterRemove();
  }

  watch(departmentId, list.search);

  return { ...list, searchText, departmentId, remove };
}
