import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { appointmentStatuses, clinicTypes, periods } from '@zhangyi/contracts';
import { WEEKDAYS } from '../booking';

const scheduleStatuses = ['open', 'stopped'] as const;
const paymentStatuses = [
  'created',
  'paying',
  'paid',
  'partially_refunded',
  'refunded',
  'closed',
] as const;
const refundStatuses = ['pending', 'processing', 'succeeded', 'abnormal', 'closed'] as const;
const reconciliationStatuses = ['balanced', 'mismatched', 'failed'] as const;
const mismatchKinds = ['missing_here', 'missing_there', 'amount', 'status'] as const;
const actors = ['patient', 'staff', 'system', 'kiosk'] as const;
// The reason codes of the appointment lifecycle and the kinds of payment events the server
// records; others show their code until the console learns them.
const reasons = [
  'booked',
  'paid',
  'free',
  'hold_expired',
  'paid_after_expiry',
  'patient_cancelled',
  'staff_cancelled',
  'clinic_stopped',
  'checked_in',
  'no_show',
] as const;
const paymentEventKinds = [
  'created',
  'prepay',
  'notification',
  'query',
  'paid',
  'closed',
  'refund_requested',
  'refund_notification',
] as const;

/** The status vocabularies of booking and payment that StatusTag shows. */
export type BookingStatusSet = 'schedule' | 'appointment' | 'payment' | 'refund' | 'reconciliation';

function member<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * The hospital's words for booking and payment values in the reader's language: periods, clinic
 * types, weekdays, statuses, who acted and why. Values the console does not know show their code.
 */
export function useBookingLabels() {
  const { t } = useI18n();

  const periodLabel = (value: string): string =>
    member(periods, value) ? t(`bookingTerms.period.${value}`) : value;
  const clinicTypeLabel = (value: string): string =>
    member(clinicTypes, value) ? t(`bookingTerms.clinicType.${value}`) : value;
  const weekdayLabel = (weekday: number): string =>
    weekday >= 1 && weekday <= 7
      ? t(`bookingTerms.weekday.${String(weekday) as '1'}`)
      : String(weekday);

  function statusLabel(set: BookingStatusSet, value: string): string {
    switch (set) {
      case 'schedule':
        return member(scheduleStatuses, value) ? t(`bookingTerms.scheduleStatus.${value}`) : value;
      case 'appointment':
        return member(appointmentStatuses, value)
          ? t(`bookingTerms.appointmentStatus.${value}`)
          : value;
      case 'payment':
        return member(paymentStatuses, value) ? t(`paymentTerms.paymentStatus.${value}`) : value;
      case 'refund':
        return member(refundStatuses, value) ? t(`paymentTerms.refundStatus.${value}`) : value;
      case 'reconciliation':
        return member(reconciliationStatuses, value)
          ? t(`paymentTerms.reconciliationStatus.${value}`)
          : value;
    }
  }

  const mismatchLabel = (kind: string): string =>
    member(mismatchKinds, kind) ? t(`paymentTerms.mismatchKind.${kind}`) : kind;
  const actorLabel = (actor: string): string =>
    member(actors, actor) ? t(`bookingTerms.actor.${actor}`) : actor;
  const reasonLabel = (reason: string): string =>
    member(reasons, reason) ? t(`bookingTerms.reason.${reason}`) : reason;
  const paymentEventLabel = (kind: string): string =>
    member(paymentEventKinds, kind) ? t(`paymentTerms.eventKind.${kind}`) : kind;
  /** `patient` and `system` are roles; anything else is the name of the staff member who asked. */
  const requesterLabel = (requestedBy: string): string =>
    requestedBy === 'patient' || requestedBy === 'system'
      ? t(`paymentTerms.requestedBy.${requestedBy}`)
      : requestedBy;

  const options = <T extends string>(values: readonly T[], label: (value: T) => string) =>
    values.map((value) => ({ value, label: label(value) }));

  const periodOptions = computed(() => options(periods, periodLabel));
  const clinicTypeOptions = computed(() => options(clinicTypes, clinicTypeLabel));
  const weekdayOptions = computed(() =>
    WEEKDAYS.map((weekday) => ({ value: weekday, label: weekdayLabel(weekday) })),
  );
  const scheduleStatusOptions = computed(() =>
    options(scheduleStatuses, (v) => statusLabel('schedule', v)),
  );
  const appointmentStatusOptions = computed(() =>
    options(appointmentStatuses, (v) => statusLabel('appointment', v)),
  );
  const paymentStatusOptions = computed(() =>
    options(paymentStatuses, (v) => statusLabel('payment', v)),
  );
  const refundStatusOptions = computed(() =>
    options(refundStatuses, (v) => statusLabel('refund', v)),
  );

  return {
    periodLabel,
    clinicTypeLabel,
    weekdayLabel,
    statusLabel,
    mismatchLabel,
    actorLabel,
    reasonLabel,
    paymentEventLabel,
    requesterLabel,
    periodOptions,
    clinicTypeOptions,
    weekdayOptions,
    scheduleStatusOptions,
    appointmentStatusOptions,
    paymentStatusOptions,
    refundStatusOptions,
  };
}
