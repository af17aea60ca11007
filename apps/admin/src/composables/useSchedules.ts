import { ref, watch } from 'vue';
import type { AdminSchedule } from '@zhangyi/contracts';
import { listSchedules, setScheduleRatio, stopSchedule } from '../api/booking';
import { addDays, localDateOf } from '../datetime';
import { usePagedList } from './usePagedList';

type ScheduleStatus = AdminSchedule['status'];

/** Days shown at first: today and the next two weeks, about what patients can book. */
const FIRST_DAYS = 14;

/**
 * The schedules (号源排班) with their slot counts: filters by date, department, doctor and status,
 * all applied at once; changing a schedule's online ratio and stopping a clinic, each answer put
 * in place in the table.
 */
export function useSchedules() {
  const today = localDateOf(new Date());
  const from = ref(today);
  const to = ref(addDays(today, FIRST_DAYS - 1));
  const departmentId = ref('');
  const doctorId = ref('');
  const status = ref<ScheduleStatus | ''>('');
  const list = usePagedList<AdminSchedule>((paging) =>
    listSchedules({
      ...paging,
      from: from.value || undefined,
      to: to.value || undefined,
      departmentId: departmentId.value || undefined,
      doctorId: doctorId.value || undefined,
      status: status.value || undefined,
    }),
  );

  /** Moves free slots between the online and window pools; rethrows the refusal. */
  async function setRatio(schedule: AdminSchedule, percent: number): Promise<AdminSchedule> {
    const answer = await setScheduleRatio(schedule.id, percent);
    list.replace(answer);
    return answer;
  }

  /** Stops the clinic; its booked patients are cancelled, refunded and notified by the server. */
  async function stop(schedule: AdminSchedule, reason: string): Promise<AdminSchedule> {
    const answer = await stopSchedule(schedule.id, reason);
    list.replace(answer);
    return answer;
  }

  // A doctor belongs to one department: another department clears the doctor, which reloads.
  watch(departmentId, () => {
    if (doctorId.value) doctorId.value = '';
    else list.search();
  });
  watch([from, to, doctorId, status], list.search);

  return { ...list, from, to, departmentId, doctorId, status, setRatio, stop };
}
