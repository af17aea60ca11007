import { computed, reactive, ref, watch } from 'vue';
import { exportStatement, fetchStatement } from '../api/lending';
import { localDateOf } from '../datetime';
import { monthOf, statementQuery } from '../lending';
import { useExport } from './useExport';
import { useRequest } from './useRequest';

/**
 * The lending statement of a month (the hospital's local month, this one to begin with) for
 * every department or one; reloaded when a filter changes and exported with the same filters.
 */
export function useStatements() {
  const month = ref(monthOf(localDateOf(new Date())));
  const departmentId = ref('');
  const query = computed(() =>
    statementQuery(month.value || monthOf(localDateOf(new Date())), departmentId.value),
  );
  const request = useRequest(() => fetchStatement(query.value));
  const exporter = useExport(() => exportStatement(query.value));
  /** Departments whose loan lines are shown. */
  const expanded = reactive(new Set<string>());

  function toggle(id: string): void {
    if (expanded.has(id)) expanded.delete(id);
    else expanded.add(id);
  }

  watch(query, () => {
    expanded.clear();
    void request.run();
  });

  return {
    month,
    departmentId,
    statement: request.data,
    loading: request.loading,
    errorText: request.errorText,
    reload: request.run,
    expanded,
    toggle,
    exporting: exporter.exporting,
    exportStatement: exporter.run,
  };
}
