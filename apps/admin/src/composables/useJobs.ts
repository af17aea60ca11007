import { computed, ref, shallowRef } from 'vue';
import { listJobRuns, listJobs, type JobRun } from '../api/jobs';
import { useErrorMessage } from './useErrorMessage';
import { useRequest } from './useRequest';

/** The scheduled jobs with their last run, loaded when the view mounts. */
export function useJobs() {
  const { data: jobs, ...rest } = useRequest(listJobs);
  return { jobs, ...rest };
}

/** The recent runs of one job, loaded when its drawer opens. */
export function useJobRuns() {
  const name = ref('');
  const runs = shallowRef<JobRun[]>([]);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let latest = 0;

  async function load(job: string): Promise<void> {
    const request = ++latest;
    if (job !== name.value) runs.value = [];
    name.value = job;
    loading.value = true;
    error.value = null;
    try {
      const answer = await listJobRuns(job);
      if (request === latest) runs.value = answer;
    } catch (cause) {
      if (request === latest) error.value = cause;
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  return { name, runs, loading, errorText, load, reload: () => load(name.value) };
}
