import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type { AdminDepartment, DepartmentBody } from '@zhangyi/contracts';
import { createDepartment, updateDepartment } from '../api/directory';
import { CODE_PATTERN, parentOptions } from '../directory';

export interface DepartmentFormModel {
  parentId: string;
  code: string;
  name: string;
  location: string;
  introduction: string;
  sortOrder: number;
}

/** Empty optional text goes to the server as null, which clears the field. */
const orNull = (value: string): string | null => value.trim() || null;

/**
 * The add / edit department form. The server's refusal (CODE_TAKEN, DEPARTMENT_LEVEL) is kept
 * as the error itself, so the dialog can show its code and message with `ApiErrorAlert`.
 */
export function useDepartmentForm(departments: () => readonly AdminDepartment[]) {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const editing = shallowRef<AdminDepartment | null>(null);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const model = reactive<DepartmentFormModel>({
    parentId: '',
    code: '',
    name: '',
    location: '',
    introduction: '',
    sortOrder: 0,
  });

  const parents = computed(() => parentOptions(departments(), editing.value));
  /** A division with departments under it must stay top-level. */
  const parentLocked = computed(
    () => !!editing.value && departments().some((d) => d.parentId === editing.value?.id),
  );

  const rules = computed<FormRules<DepartmentFormModel>>(() => ({
    code: [
      { required: true, message: t('departmentForm.codeInvalid'), trigger: 'blur' },
      { pattern: CODE_PATTERN, message: t('departmentForm.codeInvalid'), trigger: 'blur' },
    ],
    name: [{ required: true, whitespace: true, message: t('departmentForm.nameRequired') }],
  }));

  function reset(department: AdminDepartment | null, parentId = ''): void {
    editing.value = department;
    serverError.value = null;
    Object.assign(model, {
      parentId: department?.parentId ?? parentId,
      code: department?.code ?? '',
      name: department?.name ?? '',
      location: department?.location ?? '',
      introduction: department?.introduction ?? '',
      sortOrder: department?.sortOrder ?? 0,
    });
    formRef.value?.clearValidate();
  }

  function body(): DepartmentBody {
    return {
      parentId: model.parentId || null,
      code: model.code.trim(),
      name: model.name.trim(),
      location: orNull(model.location),
      introduction: orNull(model.introduction),
      sortOrder: model.sortOrder,
    };
  }

  /** Validates and saves; resolves to the saved department, or null when it did not save. */
  async function submit(): Promise<AdminDepartment | null> {
    serverError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return null;
    saving.value = true;
    try {
      return editing.value
        ? await updateDepartment(editing.value.id, body())
        : await createDepartment(body());
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    formRef,
    model,
    rules,
    editing,
    parents,
    parentLocked,
    saving,
    serverError,
    reset,
    submit,
  };
}
