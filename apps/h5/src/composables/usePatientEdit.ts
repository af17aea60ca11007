import { reactive, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { showToast, showSuccessToast, type FieldRule } from 'vant';
import 'vant/es/toast/style/index';
import { ApiError, type Patient, type Relation, type UpdatePatientBody } from '@zhangyi/contracts';
import { updatePatient } from '../api/patients';
import { isMobileNumber } from '../identity';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';

/**
 * Editing a patient's phone and relation. The phone starts empty (the reader sees only the
 * masked number) and is sent only when a new one is typed.
 */
export function usePatientEdit(patient: Ref<Patient | undefined>) {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();

  const form = reactive({ phone: '', relation: '' as '' | Relation });
  const phoneError = ref('');
  const formError = ref('');
  const submitting = ref(false);

  watch(
    patient,
    (value) => {
      if (value && !form.relation) form.relation = value.relation;
    },
    { immediate: true },
  );
  watch(
    () => form.phone,
    () => {
      phoneError.value = '';
    },
  );

  const phoneRules: FieldRule[] = [
    {
      validator: (value: string) => !value || isMobileNumber(value),
      message: () => t('patientForm.invalid.phone'),
    },
  ];

  /** Saves what changed; true when done (or nothing changed) and the page may close. */
  async function submit(): Promise<boolean> {
    const current = patient.value;
    if (!current || submitting.value) return false;
    const body: UpdatePatientBody = {};
    const phone = form.phone.replace(/[\s-]/g, '');
    if (phone) body.phone = phone;
    if (form.relation && form.relation !== current.relation) body.relation = form.relation;
    if (Object.keys(body).length === 0) {
      showToast(t('patientForm.noChanges'));
      return true;
    }
    submitting.value = true;
    formError.value = '';
    try {
      await updatePatient(current.id, body);
      showSuccessToast(t('patientForm.saved'));
      return true;
    } catch (cause) {
      if (session.signInAgainIfSignedOut(cause)) return false;
      if (cause instanceof ApiError && cause.code === 'PATIENT_INVALID') {
        const problems = Array.isArray(cause.details) ? (cause.details as unknown[]) : [];
        const phoneProblem = problems.find(
          (p): p is { field: string; message: string } =>
            typeof p === 'object' && p !== null && (p as { field?: unknown }).field === 'phone',
        );
        if (phoneProblem) phoneError.value = phoneProblem.message;
      }
      formError.value = describe(cause);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  return { form, phoneRules, phoneError, formError, submitting, submit };
}
