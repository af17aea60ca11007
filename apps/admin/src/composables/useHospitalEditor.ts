import { computed, onMounted, ref, shallowRef } from 'vue';
import { ApiError, type HospitalOverview } from '@zhangyi/contracts';
import { fetchHospital, saveHospital } from '../api/directory';
import {
  HOSPITAL_LIMITS,
  draftFrom,
  emptyCampus,
  fieldProblems,
  hospitalBody,
  hospitalProblems,
  moved,
  type HospitalDraft,
} from '../hospital';

/**
 * The hospital page: the form loaded from the public overview, whether it differs from what is
 * saved, the campus list (add, remove, reorder), client checks matching the server's schema and
 * saving. The server's VALIDATION_FAILED fields are kept by name to show beside their inputs.
 */
export function useHospitalEditor() {
  const draft = ref<HospitalDraft>({
    name: '',
    shortName: '',
    phone: '',
    address: '',
    introduction: '',
    campuses: [],
  });
  /** The body as last loaded or saved; `dirty` compares against it. */
  const savedBody = ref<string | null>(null);
  const loading = ref(false);
  const loadError = shallowRef<unknown>(null);
  const saving = ref(false);
  const saveError = shallowRef<unknown>(null);
  /** Set by a save attempt, so that problems are pointed out only from then on. */
  const submitted = ref(false);
  /** The server's field problems of the last refused save, by dotted field name. */
  const serverProblems = ref<Record<string, string>>({});

  const body = computed(() => hospitalBody(draft.value));
  const problems = computed(() => hospitalProblems(body.value));
  const loaded = computed(() => savedBody.value !== null);
  const dirty = computed(
    () => savedBody.value !== null && JSON.stringify(body.value) !== savedBody.value,
  );
  const canAddCampus = computed(() => draft.value.campuses.length < HOSPITAL_LIMITS.campuses);

  /** The client problem (a catalogue key's last part) of a field, once a save was tried. */
  function problemOf(field: string) {
    return submitted.value ? problems.value[field] : undefined;
  }

  /** What the server said about a field in the last refused save. */
  function serverProblemOf(field: string): string | undefined {
    return serverProblems.value[field];
  }

  function fill(hospital: HospitalOverview): void {
    draft.value = draftFrom(hospital);
    savedBody.value = JSON.stringify(hospitalBody(draft.value));
    serverProblems.value = {};
  }

  async function load(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      fill(await fetchHospital());
    } catch (error) {
      loadError.value = error;
    } finally {
      loading.value = false;
    }
  }

  // Row indices name the server's fields, so its answer no longer fits once rows change.
  function rowsChanged(): void {
    serverProblems.value = {};
  }

  function addCampus(): void {
    if (!canAddCampus.value) return;
    draft.value.campuses.push(emptyCampus());
    rowsChanged();
  }

  function removeCampus(index: number): void {
    draft.value.campuses.splice(index, 1);
    rowsChanged();
  }

  function moveCampus(index: number, step: -1 | 1): void {
    draft.value.campuses = moved(draft.value.campuses, index, step);
    rowsChanged();
  }

  /** Checks and saves the whole form; resolves to whether it was saved. */
  async function save(): Promise<boolean> {
    submitted.value = true;
    saveError.value = null;
    serverProblems.value = {};
    if (Object.keys(problems.value).length > 0) return false;
    saving.value = true;
    try {
      fill(await saveHospital(body.value));
      submitted.value = false;
      return true;
    } catch (error) {
      saveError.value = error;
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        serverProblems.value = fieldProblems(error.details);
      }
      return false;
    } finally {
      saving.value = false;
    }
  }

  onMounted(load);

  return {
    draft,
    loaded,
    loading,
    loadError,
    saving,
    saveError,
    submitted,
    dirty,
    problems,
    canAddCampus,
    problemOf,
    serverProblemOf,
    load,
    addCampus,
    removeCampus,
    moveCampus,
    save,
  };
}
