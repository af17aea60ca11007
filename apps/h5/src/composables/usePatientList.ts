import { computed, onMounted, ref } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import { showConfirmDialog, showFailToast, showSuccessToast } from 'vant';
import 'vant/es/dialog/style/index';
import 'vant/es/toast/style/index';
import type { Patient } from '@zhangyi/contracts';
import { unbindPatient, updatePatient } from '../api/patients';
import { usePatientsStore } from '../stores/patients';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';

/**
 * The 就诊人 list: the patients (refreshed on every visit, cached ones shown meanwhile), how many
 * more may be added, and the actions that change the list.
 */
export function usePatientList() {
  const store = usePatientsStore();
  const session = useSessionStore();
  const { items, limit, loaded, loading, error } = storeToRefs(store);
  const describe = useErrorMessage();
  const { t } = useI18n();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  const limitReached = computed(() => limit.value !== null && items.value.length >= limit.value);
  /** The patient an action is running for; its buttons show a spinner. */
  const busyId = ref<string | null>(null);

  // Every visit asks again: the pages that add, edit or bind a card leave the refresh to here.
  onMounted(() => {
    void store.load(true);
  });

  async function run(patient: Patient, action: () => Promise<unknown>, done: string) {
    busyId.value = patient.id;
    try {
      await action();
      showSuccessToast(done);
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showFailToast(describe(cause));
    } finally {
      busyId.value = null;
    }
    // Another patient may have lost or gained the default: the server's order is the truth.
    await store.load(true);
  }

  function setDefault(patient: Patient): Promise<void> {
    return run(
      patient,
      () => updatePatient(patient.id, { isDefault: true }),
      t('patients.setDefaultDone'),
    );
  }

  async function unbind(patient: Patient): Promise<void> {
    const confirmed = await showConfirmDialog({
      title: t('patients.unbindConfirmTitle'),
      message: t('patients.unbindConfirm', { name: patient.name }),
      confirmButtonText: t('patients.actions.unbind'),
      confirmButtonColor: 'var(--van-danger-color)',
    }).then(
      () => true,
      () => false,
    );
    if (confirmed) await run(patient, () => unbindPatient(patient.id), t('patients.unbindDone'));
  }

  return {
    patients: items,
    limit,
    loaded,
    loading,
    errorText,
    limitReached,
    busyId,
    retry: () => store.load(true),
    setDefault,
    unbind,
  };
}
