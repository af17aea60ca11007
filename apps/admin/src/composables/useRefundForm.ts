import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type { AdminPayment, AdminRefund } from '@zhangyi/contracts';
import { fetchPayment, refundPayment, type PaymentDetail } from '../api/payments';
import { fenToYuan, formatFen, parseYuan } from '../money';
import { REFUND_REASON, refundableFen, refundAmountProblem } from '../payments';

export interface RefundFormModel {
  /** The amount as typed, in yuan; sent as integer fen. */
  amount: string;
  reason: string;
}

/**
 * The manual refund form: an amount in yuan up to what is left to refund (the whole of it to
 * begin with) and a reason, which the server records in the audit log. The order's refunds are
 * fetched as the form opens: one still under way holds its amount back, which the list row's
 * `refundedFen` (succeeded refunds only) does not show.
 */
export function useRefundForm() {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const payment = shallowRef<AdminPayment | null>(null);
  const refunds = shallowRef<readonly AdminRefund[] | undefined>(undefined);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const model = reactive<RefundFormModel>({ amount: '', reason: '' });
  const refundable = computed(() =>
    payment.value ? refundableFen(payment.value, refunds.value) : 0,
  );

  const rules = computed<FormRules<RefundFormModel>>(() => ({
    amount: [
      {
        required: true,
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          const problem = refundAmountProblem(value, refundable.value);
          if (problem === null) callback();
          else {
            const max = formatFen(refundable.value);
            callback(new Error(t(`refundForm.amountProblems.${problem}`, { max })));
          }
        },
      },
    ],
    reason: [
      {
        required: true,
        whitespace: true,
        message: t('refundForm.reasonRequired', { min: REFUND_REASON.min }),
        trigger: 'blur',
      },
      {
        min: REFUND_REASON.min,
        max: REFUND_REASON.max,
        message: t('refundForm.reasonRequired', { min: REFUND_REASON.min }),
        trigger: 'blur',
      },
    ],
  }));

  /** Opens the form on an order, offering the whole refundable amount. */
  function reset(order: AdminPayment): void {
    payment.value = order;
    refunds.value = undefined;
    serverError.value = null;
    model.amount = fenToYuan(order.refundableFen);
    model.reason = '';
    formRef.value?.clearValidate();
    void learnRefunds(order);
  }

  // Without the detail the row's figures stand; the server has the last word either way.
  async function learnRefunds(order: AdminPayment): Promise<void> {
    const offered = model.amount;
    const detail = await fetchPayment(order.id).catch(() => null);
    if (!detail || payment.value !== order) return;
    payment.value = detail;
    refunds.value = detail.refunds;
    if (model.amount === offered) model.amount = fenToYuan(refundable.value);
  }

  /** Validates and asks for the refund; resolves to the order after it, or null. */
  async function submit(): Promise<PaymentDetail | null> {
    serverError.value = null;
    const order = payment.value;
    const valid = await formRef.value?.validate().catch(() => false);
    const amountFen = parseYuan(model.amount);
    if (!valid || !order || amountFen === null) return null;
    saving.value = true;
    try {
      return await refundPayment(order.id, amountFen, model.reason.trim());
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, model, rules, payment, refundable, saving, serverError, reset, submit };
}
