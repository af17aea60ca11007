import { computed, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { RepairDevice } from '@zhangyi/contracts';
import { fetchRepairDepartments, fetchRepairDevices } from '../api/repair';

type Department = { id: string; parentId: string | null; name: string };

// One list for the page: the contact form and the department chooser share it.
let departmentsRequest: Promise<Department[]> | null = null;

/** Departments a report may name: those without sub-departments (the wards and clinics). */
export function useRepairDepartments() {
  const departments = ref<Department[]>([]);
  departmentsRequest ??= fetchRepairDepartments().catch((cause: unknown) => {
    departmentsRequest = null;
    throw cause;
  });
  departmentsRequest.then(
    (list) => (departments.value = list),
    () => undefined,
  );
  const departmentOptions = computed(() => {
    const parents = new Set(departments.value.map((d) => d.parentId).filter(Boolean));
    return departments.value
      .filter((d) => !parents.has(d.id))
      .map((d) => ({ value: d.id, text: d.name }));
  });
  return { departments, departmentOptions };
}

/**
 * Reporting without a label: the department, then one of its devices, or `none` for a fault not
 * tied to a registered device.
 */
export function useRepairChoices(active: Ref<boolean>) {
  const { t } = useI18n();
  const { departmentOptions } = useRepairDepartments();
  const departmentId = ref('');
  const devices = ref<RepairDevice[]>([]);
  watch(departmentId, async (id) => {
    devices.value = [];
    if (id && active.value) devices.value = await fetchRepairDevices(id).catch(() => []);
  });
  const deviceOptions = computed(() => [
    ...devices.value.map((d) => ({
      value: d.id,
      text: `${d.name} ${d.assetNo}${d.location ? ` · ${d.location}` : ''}`,
    })),
    { value: 'none', text: t('repair.noDevice') },
  ]);
  return { departmentId, departmentOptions, deviceOptions };
}
