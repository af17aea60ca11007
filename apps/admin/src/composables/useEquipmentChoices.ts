import { computed } from 'vue';
import { listCategories, listEquipmentDepartments } from '../api/equipment';
import { treeOptions } from '../tree';
import { useRequest } from './useRequest';

/**
 * Departments and registry categories as select options in tree order, for the filters and
 * forms of the equipment, ticket and lending pages (both lists need only `equipment.read`).
 */
export function useEquipmentChoices() {
  const departments = useRequest(listEquipmentDepartments);
  const categories = useRequest(listCategories);
  const departmentOptions = computed(() => treeOptions(departments.data.value ?? []));
  const categoryOptions = computed(() => treeOptions(categories.data.value ?? []));

  /** Reloads the categories after the tree was changed on the page. */
  function reloadCategories(): Promise<void> {
    return categories.run();
  }

  return { departments, categories, departmentOptions, categoryOptions, reloadCategories };
}
