import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type { AdminDoctor, DoctorBody } from '@zhangyi/contracts';
import { createDoctor, updateDoctor } from '../api/directory';
import { CODE_PATTERN, URL_PATTERN } from '../directory';

export interface DoctorFormModel {
  departmentId: string;
  code: string;
  name: string;
  title: string;
  specialties: string;
  introduction: string;
  photoUrl: string;
  sortOrder: number;
}

const orNull = (value: string): string | null => value.trim() || null;

/** The add / edit doctor form; server refusals (CODE_TAKEN) are kept whole for ApiErrorAlert. */
export function useDoctorForm() {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const editing = shallowRef<AdminDoctor | null>(null);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const model = reactive<DoctorFormModel>({
    departmentId: '',
    code: '',
    name: '',
    title: '',
    specialties: '',
    introduction: '',
    photoUrl: '',
    sortOrder: 0,
  });

  const rules = computed<FormRules<DoctorFormModel>>(() => ({
    departmentId: [
      { required: true, message: t('doctorForm.departmentRequired'), trigger: 'change' },
    ],
    code: [
      { required: true, message: t('doctorForm.codeInvalid'), trigger: 'blur' },
      { pattern: CODE_PATTERN, message: t('doctorForm.codeInvalid'), trigger: 'blur' },
    ],
    name: [{ required: true, whitespace: true, message: t('doctorForm.nameRequired') }],
    title: [
      { required: true, whitespace: true, message: t('doctorForm.titleRequired') },
      { max: 20, message: t('doctorForm.titleRequired') },
    ],
    photoUrl: [{ pattern: URL_PATTERN, message: t('doctorForm.urlInvalid'), trigger: 'blur' }],
  }));

  function reset(doctor: AdminDoctor | null, departmentId = ''): void {
    editing.value = doctor;
    serverError.value = null;
    Object.assign(model, {
      departmentId: doctor?.departmentId ?? departmentId,
      code: doctor?.code ?? '',
      name: doctor?.name ?? '',
      title: doctor?.title ?? '',
      specialties: doctor?.specialties ?? '',
      introduction: doctor?.introduction ?? '',
      photoUrl: doctor?.photoUrl ?? '',
      sortOrder: doctor?.sortOrder ?? 0,
    });
    formRef.value?.clearValidate();
  }

  function body(): DoctorBody {
    return {
      departmentId: model.departmentId,
      code: model.code.trim(),
      name: model.name.trim(),
      title: model.title.trim(),
      specialties: orNull(model.specialties),
      introduction: orNull(model.introduction),
      photoUrl: orNull(model.photoUrl),
      sortOrder: model.sortOrder,
    };
  }

  async function submit(): Promise<AdminDoctor | null> {
    serverError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return null;
    saving.value = true;
    try {
      return editing.value
        ? await updateDoctor(editing.value.id, body())
        : await createDoctor(body());
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, model, rules, editing, saving, serverError, reset, submit };
}
