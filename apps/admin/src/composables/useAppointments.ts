import { ref, watch } from 'vue';
import type { AdminAppointment, AppointmentStatus } from '@zhangyi/contracts';
import { exportAppointments, listAppointments, type AppointmentFilters } from '../api/booking';
import { useExport } from './useExport';
import { usePagedList } from './usePagedList';

/**
 * The appointments list: visit dates, status, department, doctor and the patient's name. The
 * name applies on `search()` so that typing does not send a request per keystroke; the others at
 * once. The export takes the same filters, so the workbook holds what the table shows.
 */
export function useAppointments() {
  const from = ref('');
  const to = ref('');
  const status = ref<AppointmentStatus | ''>('');
  const departmentId = ref('');
  const doctorId = ref('');
  const patientName = ref('');

  function filters(): AppointmentFilters {
    return {
      from: from.value || undefined,
      to: to.value || undefined,
      status: status.value || undefined,
      departmentId: departmentId.value || undefined,
      doctorId: doctorId.value || undefined,
      q: patientName.value.trim() || undefined,
    };
  }

  const list = usePagedList<AdminAppointment>((paging) =>
    listAppointments({ ...paging, ...filters() }),
  );
  const exporter = useExport(() => exportAppointments(filters()));

  watch(departmentId, () => {
    if (doctorId.value) doctorId.value = '';
    else list.search();
  });
  watch([from, to, status, doctorId], list.search);

  return {
    ...list,
    from,
    to,
    status,
    departmentId,
    doctorId,
    patientName,
    exporting: exporter.exporting,
    exportList: exporter.run,
  };
}
