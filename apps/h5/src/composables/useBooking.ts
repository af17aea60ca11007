import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import { storeToRefs } from 'pinia';
import { useRouter, type RouteLocationRaw } from 'vue-router';
import { ApiError } from '@zhangyi/contracts';
import { bookAppointment } from '../api/booking';
import { refusalNextStep, type RefusalStep } from '../booking/appointment';
import { cancelDeadline, timeRange } from '../booking/dates';
import { useBookingRulesStore } from '../stores/bookingRules';
import { usePatientsStore } from '../stores/patients';
import { useSessionStore } from '../stores/session';
import { useErrorMessage } from './useErrorMessage';
import { useGoBack } from './useGoBack';
import { useSchedule } from './useSchedules';

/**
 * The booking confirmation: the schedule and the chosen slot (none: the earliest free one), the
 * reader's patients with the default one chosen, the rules that apply, and the booking itself.
 * A booking that needs paying goes straight on to the result page, which opens WeChat Pay; a
 * refusal is shown in the server's words with the step that helps (another slot, another clinic,
 * the patients, the appointments).
 */
export function useBookingConfirm(scheduleId: () => string, slotId: () => string | undefined) {
  const router = useRouter();
  const goBack = useGoBack();
  const describe = useErrorMessage();
  const session = useSessionStore();
  const rulesStore = useBookingRulesStore();
  const patientsStore = usePatientsStore();
  const { items: patients, loaded: patientsLoaded, limit } = storeToRefs(patientsStore);
  const schedule = useSchedule(scheduleId);

  // Asked again on every visit: the reader may come back from adding a patient.
  onMounted(() => void patientsStore.load(true));
  const patientsErrorText = computed(() =>
    patientsStore.error ? describe(patientsStore.error) : '',
  );

  const patientId = ref('');
  watch(
    patients,
    (list) => {
      if (list.some((p) => p.id === patientId.value)) return;
      patientId.value = (list.find((p) => p.isDefault) ?? list[0])?.id ?? '';
    },
    { immediate: true },
  );
  const canAddPatient = computed(() => limit.value === null || patients.value.length < limit.value);

  watch(schedule.data, (value) => {
    if (value) void rulesStore.ensure(value.doctor.id, value.date);
  });
  const rules = computed(() => rulesStore.rules);
  const deadline = computed(() =>
    rules.value && schedule.data.value
      ? cancelDeadline(schedule.data.value.date, rules.value.cancelCutoffHours)
      : '',
  );

  const slot = computed(() => {
    const id = slotId();
    return id ? (schedule.data.value?.slots.find((s) => s.id === id) ?? null) : null;
  });
  const slotTime = computed(() =>
    slot.value ? timeRange(slot.value.startsAt, slot.value.endsAt) : '',
  );
  /** The slot in the address was taken since the slot page showed it, or is not one of these. */
  const slotGone = computed(
    () => !!slotId() && !!schedule.data.value && !(slot.value && slot.value.available),
  );

  const submitting = ref(false);
  const refusal = shallowRef<{ message: string; step: RefusalStep } | null>(null);

  async function submit(): Promise<void> {
    const current = schedule.data.value;
    if (submitting.value || !current || !patientId.value || slotGone.value) return;
    submitting.value = true;
    refusal.value = null;
    try {
      const id = slotId();
      const appointment = await bookAppointment({
        scheduleId: current.id,
        patientId: patientId.value,
        ...(id && { slotId: id }),
      });
      const pay = appointment.status === 'held' && appointment.feeFen > 0;
      // Replaced, so that back from the result does not offer to book the same slot again.
      await router.replace({
        name: 'appointment-result',
        params: { id: appointment.id },
        query: pay ? { pay: '1' } : {},
      });
    } catch (cause) {
      if (session.signInAgainIfSignedOut(cause)) return;
      refusal.value = {
        message: describe(cause),
        step: cause instanceof ApiError ? refusalNextStep(cause.code) : null,
      };
    } finally {
      submitting.value = false;
    }
  }

  /** Where a refusal's next step leads. */
  function nextStepLink(step: Exclude<RefusalStep, null>): RouteLocationRaw {
    switch (step) {
      case 'slots':
        return { name: 'schedule', params: { id: scheduleId() } };
      case 'schedules':
        return schedule.data.value
          ? { name: 'doctor', params: { id: schedule.data.value.doctor.id } }
          : { name: 'booking' };
      case 'patients':
        return { name: 'patients' };
      case 'appointments':
        return { name: 'appointments' };
    }
  }

  /** Follows a next step; back to the slots steps back in history, so they load afresh. */
  function takeStep(step: Exclude<RefusalStep, null>): void {
    if (step === 'slots') goBack(nextStepLink(step));
    else void router.push(nextStepLink(step));
  }

  return {
    schedule: schedule.data,
    scheduleErrorText: schedule.errorText,
    scheduleMissing: schedule.missing,
    retrySchedule: schedule.retry,
    state: schedule.state,
    patients,
    patientsLoaded,
    patientsErrorText,
    retryPatients: () => patientsStore.load(true),
    patientId,
    canAddPatient,
    rules,
    deadline,
    slotTime,
    slotGone,
    submitting,
    refusal,
    submit,
    takeStep,
  };
}
