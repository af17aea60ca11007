import { reactive, ref, watch } from 'vue';
import { ElMessage } from 'element-plus';
import type { LabelSize } from '@zhangyi/contracts';
import { downloadLabels, exportDevices, listDevices, type Device } from '../api/equipment';
import { deviceFilters, type DeviceListFilters } from '../equipment';
import { useErrorMessage } from './useErrorMessage';
import { useExport } from './useExport';
import { usePagedList } from './usePagedList';

/**
 * The device registry: search (on `search()`), category, department, lifecycle status and
 * "under repair" (at once); the export and label sheets take the same filters, or the rows
 * ticked in the table.
 */
export function useDevices() {
  const filters = reactive<DeviceListFilters>({
    q: '',
    categoryId: '',
    departmentId: '',
    status: '',
    repair: '',
  });
  const selected = ref<Device[]>([]);
  const printing = ref(false);
  const describe = useErrorMessage();

  const list = usePagedList<Device>((paging) =>
    listDevices({ ...paging, ...deviceFilters(filters) }),
  );
  const exporter = useExport(() => exportDevices(deviceFilters(filters)));

  /**
   * Downloads the label sheet of the ticked devices, or of every listed one. Resolves to false
   * when the server printed without a CJK font (Chinese names are left out).
   */
  async function printLabels(size: LabelSize): Promise<boolean | null> {
    if (printing.value) return null;
    printing.value = true;
    try {
      const selection = selected.value.length
        ? { ids: selected.value.map((device) => device.id) }
        : deviceFilters(filters);
      const { cjkFont } = await downloadLabels(size, selection);
      return cjkFont;
    } catch (error) {
      ElMessage({ type: 'error', message: describe(error), duration: 6000 });
      return null;
    } finally {
      printing.value = false;
    }
  }

  watch(
    () => [filters.categoryId, filters.departmentId, filters.status, filters.repair],
    list.search,
  );

  return {
    ...list,
    filters,
    selected,
    printing,
    printLabels,
    exporting: exporter.exporting,
    exportList: exporter.run,
  };
}
