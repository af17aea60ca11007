import { computed, ref, watch } from 'vue';
import type { ScheduleTemplate } from '@zhangyi/contracts';
import { deleteTemplate, generateSchedules, listTemplates } from '../api/booking';
import { buildWeekGrid } from '../booking';
import { useRequest } from './useRequest';

/**
 * The weekly clinic templates of the hospital, or of one department or doctor, as a list and as
 * the week grid. A hospital has a few hundred at most, so the list comes whole and every change
 * reloads it. Choosing another department clears the doctor, who may not work there.
 */
export function useScheduleTemplates() {
  const departmentId = ref('');
  const doctorId = ref('');
  const request = useRequest(() =>
    listTemplates({
      departmentId: departmentId.value || undefined,
      doctorId: doctorId.value || undefined,
    }),
  );
  const templates = computed<ScheduleTemplate[]>(() => request.data.value ?? []);
  const grid = computed(() => buildWeekGrid(templates.value));
  const generating = ref(false);

  /** Deletes a template and reloads; the server's refusal is rethrown for the page to show. */
  async function remove(template: ScheduleTemplate): Promise<void> {
    await deleteTemplate(template.id);
    await request.run();
  }

  /** Makes the schedules of the bookable days now; resolves to how many were new. */
  async function generate(): Promise<number> {
    generating.value = true;
    try {
      return await generateSchedules();
    } finally {
      generating.value = false;
    }
  }

  watch(departmentId, () => {
    if (doctorId.value) doctorId.value = '';
    else void request.run();
  });
  watch(doctorId, () => void request.run());

  return { ...request, departmentId, doctorId, templates, grid, generating, remove, generate };
}
