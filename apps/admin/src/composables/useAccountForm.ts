import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type { Account, Role } from '@zhangyi/contracts';
import { createAccount, updateAccount } from '../api/accounts';
import { useErrorMessage } from './useErrorMessage';

// Same patterns as the contracts' schemas, so most mistakes are caught before a round trip.
const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;
const PHONE = /^1[3-9][0-9]{9}$/;

export interface AccountFormModel {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  phone: string;
}

/**
 * The create / edit account form: model, validation rules and submission. With an account it
 * edits that account's name and roles; without, it creates a new account.
 */
export function useAccountForm() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const formRef = ref<FormInstance>();
  const editing = shallowRef<Account | null>(null);
  const saving = ref(false);
  const serverError = ref('');
  const model = reactive<AccountFormModel>({
    username: '',
    displayName: '',
    password: '',
    roles: [],
    phone: '',
  });

  const required = (field: string) => ({
    required: true,
    message: t('accountForm.required', { field }),
    trigger: 'blur',
  });

  const rules = computed<FormRules<AccountFormModel>>(() => ({
    username: [
      required(t('accountForm.username')),
      { pattern: USERNAME, message: t('accountForm.usernameInvalid'), trigger: 'blur' },
    ],
    displayName: [required(t('accountForm.displayName'))],
    password: [required(t('accountForm.password'))],
    roles: [
      { type: 'array', required: true, message: t('accountForm.rolesRequired'), trigger: 'change' },
    ],
    phone: [{ pattern: PHONE, message: t('accountForm.phoneInvalid'), trigger: 'blur' }],
  }));

  /** Fills the form for a new account, or for editing the given one. */
  function reset(account: Account | null): void {
    editing.value = account;
    serverError.value = '';
    Object.assign(model, {
      username: account?.username ?? '',
      displayName: account?.displayName ?? '',
      password: '',
      roles: account ? [...account.roles] : [],
      phone: '',
    });
    formRef.value?.clearValidate();
  }

  /** Validates and saves; resolves to the saved account, or null when it did not save. */
  async function submit(): Promise<Account | null> {
    serverError.value = '';
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return null;
    saving.value = true;
    try {
      if (editing.value) {
        return await updateAccount(editing.value.id, {
          displayName: model.displayName.trim(),
          roles: model.roles,
        });
      }
      return await createAccount({
        username: model.username.trim(),
        displayName: model.displayName.trim(),
        password: model.password,
        roles: model.roles,
        phone: model.phone.trim() || undefined,
      });
    } catch (error) {
      serverError.value = describe(error);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, model, rules, editing, saving, serverError, reset, submit };
}
