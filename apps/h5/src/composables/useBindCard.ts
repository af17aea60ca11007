import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FieldRule } from 'vant';
import { ApiError, type BindCardResult, type Patient } from '@zhangyi/contracts';
import { bindCard } from '../api/patients';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';

type Choice = Extract<BindCardResult, { status: 'choose' }>['choices'][number];

/**
 * Binding an outpatient card: the card number is looked up in the hospital's records; when they
 * hold several numbers for this person the reader picks one, which is posted with the same card
 * number.
 */
export function useBindCard(patient: Ref<Patient | undefined>) {
  const { t } = useI18n();
  const describe = useErrorMessage();
  const session = useSessionStore();

  const cardNumber = ref('');
  const step = ref<'enter' | 'choose' | 'done'>('enter');
  const choices = shallowRef<Choice[]>([]);
  /** The card number the patient ends up with. */
  const boundCard = ref('');
  const cardError = ref('');
  const formError = ref('');
  /** The record being sent: '' for the card number alone, else the chosen record's id. */
  const sending = ref<string | null>(null);
  const submitting = computed(() => sending.value !== null);

  watch(cardNumber, () => {
    cardError.value = '';
  });

  const rules = computed<FieldRule[]>(() => [
    { required: true, message: t('bindCard.cardNumberRequired') },
    { pattern: /^[A-Za-z0-9-]+$/, message: t('bindCard.cardNumberInvalid') },
  ]);

  async function send(hisPatientId?: string): Promise<void> {
    const current = patient.value;
    if (!current || submitting.value) return;
    sending.value = hisPatientId ?? '';
    formError.value = '';
    try {
      const result = await bindCard(current.id, {
        cardNumber: cardNumber.value.trim(),
        ...(hisPatientId && { hisPatientId }),
      });
      if (result.status === 'choose') {
        choices.value = result.choices;
        step.value = 'choose';
      } else {
        boundCard.value = result.patient.cardNumber ?? cardNumber.value.trim();
        step.value = 'done';
      }
    } catch (cause) {
      if (session.signInAgainIfSignedOut(cause)) return;
      if (cause instanceof ApiError && cause.code === 'CARD_NOT_FOUND') {
        // Whatever the step, the card number is what to check again.
        step.value = 'enter';
        cardError.value = cause.message;
      } else {
        formError.value = describe(cause);
      }
    } finally {
      sending.value = null;
    }
  }

  /** Back to the card number, e.g. when none of the records is the right one. */
  function restart(): void {
    step.value = 'enter';
    choices.value = [];
    formError.value = '';
  }

  return {
    cardNumber,
    step,
    choices,
    boundCard,
    rules,
    cardError,
    formError,
    sending,
    submitting,
    submit: () => send(),
    choose: (hisPatientId: string) => send(hisPatientId),
    restart,
  };
}
