import { computed } from 'vue';
import type { AdminDepartment } from '@zhangyi/contracts';
import { deleteDepartment, listDepartments } from '../api/directory';
import { buildDepartmentTree } from '../directory';
import { useRequest } from './useRequest';

/**
 * Every department, flat (for selects) and as the two-level tree the table shows. The list is
 * small (a hospital has tens of departments), so any change reloads it whole.
 */
export function useDepartments() {
  const request = useRequest(listDepartments);
  const all = computed<AdminDepartment[]>(() => request.data.value ?? []);
  const tree = computed(() => buildDepartmentTree(all.value));

  /** Deletes and reloads; throws the server's refusal (DEPARTMENT_IN_USE) for the page to show. */
  async function remove(department: AdminDepartment): Promise<void> {
    await deleteDepartment(department.id);
    await request.run();
  }

  return { ...request, all, tree, remove };
}
