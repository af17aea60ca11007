import { computed, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { showSuccessToast } from 'vant';
import 'vant/es/toast/style/index';
import type { LoanDetail, PoolDevice } from '@zhangyi/contracts';
import { fetchLendingCategories, fetchLendingDevices, requestLoan } from '../api/lending';
import { loanFormProblems, type LoanForm, type LoanFormProblem } from '../lending/loans';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';

/**
 * 申请: the lendable categories with their live availability, and the request form for the one
 * chosen — a specific device if wanted, quantity, expected duration, purpose and urgency.
 */
export function useLoanRequest() {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const categories = useLoader(fetchLendingCategories);
  void categories.load().then(() => session.signInAgainIfSignedOut(categories.error.value));

  const form = reactive<LoanForm>({
    categoryId: '',
    deviceId: '',
    quantity: 1,
    expectedHours: 8,
    purpose: '',
    urgency: 'normal',
  });
  const devices = ref<PoolDevice[]>([]);
  const problems = ref<LoanFormProblem[]>([]);
  const formError = ref('');
  const submitting = ref(false);

  const category = computed(
    () => categories.data.value?.find((c) => c.categoryId === form.categoryId) ?? null,
  );

  watch(
    () => form.categoryId,
    async (id) => {
      form.deviceId = '';
      form.quantity = 1;
      devices.value = [];
      problems.value = [];
      formError.value = '';
      if (id) devices.value = await fetchLendingDevices(id).catch(() => []);
    },
  );
  watch(
    () => form.deviceId,
    (id) => {
      if (id) form.quantity = 1;
    },
  );

  /** Devices that could be handed over now, for asking for one in particular. */
  const deviceOptions = computed(() => [
    { value: '', text: t('lending.anyDevice') },
    ...devices.value
      .filter((d) => d.readiness === 'available')
      .map((d) => ({
        value: d.deviceId,
        text: `${d.assetNo} · ${[d.brand, d.model].filter(Boolean).join(' ')}`,
      })),
  ]);

  /** Sends the request; resolves with the loan, or null when something must be corrected. */
  async function submit(): Promise<LoanDetail | null> {
    if (submitting.value) return null;
    formError.value = '';
    problems.value = loanFormProblems(form);
    if (problems.value.length) return null;
    submitting.value = true;
    try {
      const loan = await requestLoan({
        categoryId: form.categoryId,
        ...(form.deviceId && { deviceId: form.deviceId }),
        quantity: form.quantity,
        expectedHours: form.expectedHours,
        purpose: form.purpose.trim(),
        urgency: form.urgency,
      });
      showSuccessToast(
        t(loan.status === 'approved' ? 'lending.requestApproved' : 'lending.requested'),
      );
      return loan;
    } catch (cause) {
      if (!session.signInAgainIfSignedOut(cause)) formError.value = describe(cause);
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { categories, category, form, deviceOptions, problems, formError, submitting, submit };
}
