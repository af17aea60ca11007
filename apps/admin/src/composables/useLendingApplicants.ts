import { computed, reactive, ref, shallowRef, watch } from 'vue';
import {
  fetchLendingSettings,
  listApplicants,
  removeApplicant,
  saveApplicant,
  saveLendingSettings,
  type LendingApplicant,
} from '../api/lending';
import { listEquipmentDepartments } from '../api/equipment';
import { sortApplicants, settingsBody, type SettingsForm } from '../lendingApplicants';
import { useRequest } from './useRequest';

/** Who may request loans for which department: the list, adding and removing. */
export function useLendingApplicants() {
  const applicants = useRequest(listApplicants);
  const departments = useRequest(listEquipmentDepartments);
  const rows = computed(() => sortApplicants(applicants.data.value ?? []));
  const busy = ref(false);
  const serverError = shallowRef<unknown>(null);

  /** Registers (or moves) an account; resolves to the applicant, or null with the refusal kept. */
  async function add(accountId: string, departmentId: string): Promise<LendingApplicant | null> {
    busy.value = true;
    serverError.value = null;
    try {
      const saved = await saveApplicant(accountId, departmentId);
      const others = (applicants.data.value ?? []).filter((a) => a.accountId !== accountId);
      applicants.data.value = [...others, saved];
      return saved;
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** Withdraws the right to request; the caller has asked first. */
  async function remove(accountId: string): Promise<void> {
    await removeApplicant(accountId);
    applicants.data.value = (applicants.data.value ?? []).filter((a) => a.accountId !== accountId);
  }

  return { applicants, departments, rows, busy, serverError, add, remove };
}

/** The emergency confirmation window and the fleet wait target, loaded and saved. */
export function useLendingSettings() {
  const settings = useRequest(fetchLendingSettings);
  const model = reactive<SettingsForm>({
    emergencyConfirmHours: undefined,
    fleetWaitTargetPct: undefined,
  });
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const body = computed(() => settingsBody(model));

  watch(settings.data, (value) => {
    if (value) Object.assign(model, value);
  });

  /** Saves when every value is within bounds; resolves to whether it was saved. */
  async function submit(): Promise<boolean> {
    const next = body.value;
    if (!next) return false;
    saving.value = true;
    serverError.value = null;
    try {
      settings.data.value = await saveLendingSettings(next);
      return true;
    } catch (error) {
      serverError.value = error;
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { settings, model, body, saving, serverError, submit };
}
