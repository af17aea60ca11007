import { onMounted, ref, shallowRef, watch, type Ref } from 'vue';
import { listDoctors } from '../api/directory';

export interface DoctorOption {
  value: string;
  label: string;
  /** Shown beside the name, so that two doctors of the same name stay apart. */
  detail: string;
}

/** How many doctors a search shows; typing narrows it. */
const SHOWN = 50;

/**
 * Doctors for a select, searched by name or code on the server and limited to a department when
 * one is chosen. A hospital has hundreds of doctors, more than a page of the list answers, so the
 * select searches as the reader types rather than loading them all. Without the directory
 * permission the list stays empty and the select offers nothing.
 */
export function useDoctorOptions(departmentId: Ref<string | undefined>) {
  const options = shallowRef<DoctorOption[]>([]);
  const loading = ref(false);
  let latest = 0;

  async function search(text = ''): Promise<void> {
    const request = ++latest;
    loading.value = true;
    try {
      const page = await listDoctors({
        page: 1,
        pageSize: SHOWN,
        search: text.trim() || undefined,
        departmentId: departmentId.value || undefined,
      });
      if (request !== latest) return;
      options.value = page.items.map((doctor) => ({
        value: doctor.id,
        label: doctor.name,
        detail: `${doctor.departmentName} · ${doctor.title}`,
      }));
    } catch {
      if (request === latest) options.value = [];
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  watch(departmentId, () => void search());
  onMounted(() => void search());

  return { options, loading, search };
}
