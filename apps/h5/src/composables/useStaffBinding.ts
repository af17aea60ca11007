import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { showConfirmDialog, showSuccessToast, showFailToast } from 'vant';
import 'vant/es/dialog/style/index';
import 'vant/es/toast/style/index';
import { bindStaff, fetchStaffBinding, unbindStaff } from '../api/repair';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';

/**
 * Staff WeChat binding: the staff member signs in once with their staff username and password;
 * the server keeps only the tie between the account and this WeChat. The password leaves the
 * page's memory as soon as the answer comes.
 */
export function useStaffBinding() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const status = useLoader(fetchStaffBinding);
  void status.load().then(() => session.signInAgainIfSignedOut(status.error.value));
  const form = reactive({ username: '', password: '' });
  const formError = ref('');
  const busy = ref(false);

  /** Binds; true once bound. */
  async function bind(): Promise<boolean> {
    if (busy.value) return false;
    formError.value = '';
    if (!form.username.trim() || !form.password) {
      formError.value = t('staffBinding.required');
      return false;
    }
    busy.value = true;
    try {
      status.data.value = await bindStaff({
        username: form.username.trim(),
        password: form.password,
      });
      showSuccessToast(t('staffBinding.done'));
      return true;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) formError.value = describe(cause);
      return false;
    } finally {
      form.password = '';
      busy.value = false;
    }
  }

  async function unbind(): Promise<void> {
    const confirmed = await showConfirmDialog({
      title: t('staffBinding.unbind'),
      message: t('staffBinding.unbindConfirm'),
    }).then(
      () => true,
      () => false,
    );
    if (!confirmed) return;
    busy.value = true;
    try {
      await unbindStaff();
      await status.load();
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) showFailToast(describe(cause));
    } finally {
      busy.value = false;
    }
  }

  return { status, form, formError, busy, bind, unbind };
}
