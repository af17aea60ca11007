import { computed, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { showSuccessToast, type FieldRule } from 'vant';
import 'vant/es/toast/style/index';
import {
  ApiError,
  idTypes,
  relations,
  type AddPatientBody,
  type IdType,
  type Relation,
} from '@zhangyi/contracts';
import { addPatient } from '../api/patients';
import {
  GUARDIAN_AGE,
  ageOn,
  checkResidentId,
  isMobileNumber,
  localToday,
  type ResidentIdProblem,
} from '../identity';
import type { MessageKey } from '../i18n';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';

/** The fields of the form, named as the API names them in its field problems. */
export type PatientField =
  | 'name'
  | 'idType'
  | 'idNumber'
  | 'birthDate'
  | 'sex'
  | 'phone'
  | 'relation'
  | 'guardianName'
  | 'guardianIdNumber'
  | 'consent';

const ID_PROBLEMS: Record<ResidentIdProblem, MessageKey> = {
  format: 'patientForm.invalid.idFormat',
  birth_date: 'patientForm.invalid.idBirthDate',
  check_digit: 'patientForm.invalid.idCheckDigit',
};

/** Picker columns: the API's values with their names in the reader's language. */
export function usePatientOptions() {
  const { t } = useI18n();
  return {
    idTypeOptions: computed(() => idTypes.map((value) => ({ value, text: t(`idTypes.${value}`) }))),
    relationOptions: computed(() =>
      relations.map((value) => ({ value, text: t(`relations.${value}`) })),
    ),
  };
}

/**
 * The add-patient form: its values, what the resident ID number tells about birth date and sex
 * as it is typed, whether a guardian is needed, the rules checked before sending, and the
 * server's verdict shown field by field.
 */
export function usePatientForm() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const today = localToday();

  const form = reactive({
    name: '',
    idType: 'resident_id' as IdType,
    idNumber: '',
    /** Asked only for documents that do not encode it. */
    birthDate: '',
    sex: '' as '' | 'male' | 'female',
    phone: '',
    relation: '' as '' | Relation,
    guardianName: '',
    guardianIdNumber: '',
    consent: false,
  });

  const isResidentId = computed(() => form.idType === 'resident_id');
  // Judged once all 18 characters are there: a half-typed number is not wrong yet.
  const residentId = computed(() =>
    isResidentId.value && form.idNumber.trim().length >= 18
      ? checkResidentId(form.idNumber, today)
      : null,
  );
  const birthDate = computed(() => {
    if (!isResidentId.value) return form.birthDate;
    return residentId.value?.ok ? residentId.value.birthDate : '';
  });
  const sex = computed(() => {
    if (!isResidentId.value) return form.sex;
    return residentId.value?.ok ? residentId.value.sex : '';
  });
  const needsGuardian = computed(
    () =>
      !!birthDate.value && birthDate.value <= today && ageOn(birthDate.value, today) < GUARDIAN_AGE,
  );
  const liveIdError = computed(() =>
    residentId.value && !residentId.value.ok ? t(ID_PROBLEMS[residentId.value.problem]) : '',
  );

  /** The server's messages, per field, until the field is changed. */
  const serverErrors = reactive<Partial<Record<PatientField, string>>>({});
  /** What went wrong with the request as a whole, shown by the submit button. */
  const formError = ref('');
  const submitting = ref(false);

  for (const field of Object.keys(form) as PatientField[]) {
    watch(
      () => form[field],
      () => {
        delete serverErrors[field];
        if (field === 'idType') delete serverErrors.idNumber;
      },
    );
  }

  /** The message under a field: the server's, else what the browser already knows. */
  function errorFor(field: PatientField): string {
    return serverErrors[field] ?? (field === 'idNumber' ? liveIdError.value : '');
  }

  const required = (key: MessageKey): FieldRule => ({ required: true, message: t(key) });
  const rules = computed<Record<PatientField, FieldRule[]>>(() => ({
    name: [required('patientForm.required.name')],
    idType: [],
    idNumber: [
      required('patientForm.required.idNumber'),
      {
        validator: (value: string) => {
          if (!isResidentId.value) return true;
          const check = checkResidentId(value, today);
          return check.ok || t(ID_PROBLEMS[check.problem]);
        },
      },
    ],
    birthDate: isResidentId.value ? [] : [required('patientForm.required.birthDate')],
    sex: isResidentId.value ? [] : [required('patientForm.required.sex')],
    phone: [
      required('patientForm.required.phone'),
      {
        validator: (value: string) => isMobileNumber(value),
        message: t('patientForm.invalid.phone'),
      },
    ],
    relation: [required('patientForm.required.relation')],
    guardianName: [required('patientForm.required.guardianName')],
    guardianIdNumber: [
      required('patientForm.required.guardianIdNumber'),
      {
        validator: (value: string) => checkResidentId(value, today).ok,
        message: t('patientForm.invalid.guardianId'),
      },
    ],
    consent: [
      { validator: (value: unknown) => value === true, message: t('patientForm.required.consent') },
    ],
  }));

  function body(): AddPatientBody {
    const result: AddPatientBody = {
      name: form.name.trim(),
      idType: form.idType,
      idNumber: form.idNumber.trim().toUpperCase(),
      phone: form.phone.replace(/[\s-]/g, ''),
      relation: form.relation as Relation,
      consent: true,
    };
    if (!isResidentId.value) {
      if (form.birthDate) result.birthDate = form.birthDate;
      if (form.sex) result.sex = form.sex;
    }
    if (needsGuardian.value) {
      result.guardianName = form.guardianName.trim();
      result.guardianIdNumber = form.guardianIdNumber.trim().toUpperCase();
    }
    return result;
  }

  function visible(field: string): field is PatientField {
    if (field === 'birthDate' || field === 'sex') return !isResidentId.value;
    if (field === 'guardianName' || field === 'guardianIdNumber') return needsGuardian.value;
    return field in form;
  }

  /** Puts the server's refusal on the fields it names; what fits no field goes above the button. */
  function showRefusal(cause: unknown): void {
    const extra: string[] = [];
    if (cause instanceof ApiError && cause.code === 'PATIENT_INVALID') {
      const problems = Array.isArray(cause.details) ? (cause.details as unknown[]) : [];
      for (const problem of problems) {
        const { field, message } = (problem ?? {}) as { field?: unknown; message?: unknown };
        if (typeof message !== 'string') continue;
        if (typeof field === 'string' && visible(field)) serverErrors[field] = message;
        else extra.push(message);
      }
    }
    if (cause instanceof ApiError && cause.code === 'PATIENT_ALREADY_BOUND') {
      serverErrors.idNumber = cause.message;
    }
    formError.value = [describe(cause), ...extra].join(' ');
  }

  /** Sends the form; true once the patient is bound. */
  async function submit(): Promise<boolean> {
    if (submitting.value) return false;
    submitting.value = true;
    formError.value = '';
    try {
      await addPatient(body());
      showSuccessToast(t('patientForm.added'));
      return true;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showRefusal(cause);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  /** The first field showing a server message, to scroll to. */
  const firstErrorField = computed(() =>
    (Object.keys(form) as PatientField[]).find((field) => serverErrors[field]),
  );

  return {
    form,
    today,
    isResidentId,
    birthDate,
    sex,
    needsGuardian,
    rules,
    errorFor,
    formError,
    firstErrorField,
    submitting,
    submit,
  };
}
