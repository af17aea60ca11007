import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import type { FormInstance, FormRules } from 'element-plus';
import { safeRedirect } from '../redirect';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';

/** The sign-in form: credentials, validation, and the server's answer as a sentence. */
export function useLogin() {
  const { t } = useI18n();
  const session = useSessionStore();
  const route = useRoute();
  const router = useRouter();
  const describe = useErrorMessage();

  const formRef = ref<FormInstance>();
  const credentials = reactive({ username: '', password: '' });
  const submitting = ref(false);
  const errorText = ref('');

  const rules = computed<FormRules<typeof credentials>>(() => ({
    username: [{ required: true, message: t('login.usernameRequired'), trigger: 'blur' }],
    password: [{ required: true, message: t('login.passwordRequired'), trigger: 'blur' }],
  }));

  async function submit(): Promise<void> {
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return;
    submitting.value = true;
    errorText.value = '';
    try {
      await session.login({
        username: credentials.username.trim(),
        password: credentials.password,
      });
      await router.replace(safeRedirect(route.query.redirect));
    } catch (error) {
      errorText.value = describe(error);
      credentials.password = '';
    } finally {
      submitting.value = false;
    }
  }

  return { formRef, credentials, rules, submitting, errorText, submit };
}
