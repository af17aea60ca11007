import type { Appointment, RefundStatus } from '@zhangyi/contracts';
import type { MessageKey } from '../i18n';

/** The reason codes of appointment events that have a sentence in the catalogue. */
const REASONS: Record<string, MessageKey> = {
  booked: 'appointments.reasons.booked',
  paid: 'appointments.reasons.paid',
  free: 'appointments.reasons.free',
  hold_expired: 'appointments.reasons.hold_expired',
  patient_cancelled: 'appointments.reasons.patient_cancelled',
  clinic_stopped: 'appointments.reasons.clinic_stopped',
  checked_in: 'appointments.reasons.checked_in',
  no_show: 'appointments.reasons.no_show',
  staff_cancelled: 'appointments.reasons.staff_cancelled',
  paid_after_expiry: 'appointments.reasons.paid_after_expiry',
};

const ACTORS: Record<string, MessageKey> = {
  patient: 'appointments.actors.patient',
  staff: 'appointments.actors.staff',
  system: 'appointments.actors.system',
  kiosk: 'appointments.actors.kiosk',
};

/** The catalogue key of an event's reason; null for a code we have no words for (shown as is). */
export function reasonKey(code: string): MessageKey | null {
  return Object.hasOwn(REASONS, code) ? REASONS[code]! : null;
}

/** The catalogue key of who caused an event; null for an unknown actor type. */
export function actorKey(actorType: string): MessageKey | null {
  return Object.hasOwn(ACTORS, actorType) ? ACTORS[actorType]! : null;
}

/** What a patient needs to know of a refund: on its way, done, stuck (the hospital acts), closed. */
export type RefundState = 'refunding' | 'refunded' | 'abnormal' | 'closed';

/** 退款中 / 已退款 / 退款异常 / 已关闭 for a refund's status at WeChat Pay. */
export function refundState(status: RefundStatus): RefundState {
  switch (status) {
    case 'pending':
    case 'processing':
      return 'refunding';
    case 'succeeded':
      return 'refunded';
    case 'abnormal':
      return 'abnormal';
    case 'closed':
      return 'closed';
  }
}

/** Some refund of the appointment is still on its way (worth looking again soon). */
export function refundUnderway(appointment: Pick<Appointment, 'payment'>): boolean {
  return (
    appointment.payment?.refunds.some((refund) => refundState(refund.status) === 'refunding') ??
    false
  );
}

type Timed = Pick<Appointment, 'status' | 'cancellableUntil'>;

/** The patient may still cancel online: the server set a deadline and it has not passed. */
export function canCancelOnline(appointment: Timed, now: number): boolean {
  if (appointment.status !== 'held' && appointment.status !== 'confirmed') return false;
  return appointment.cancellableUntil !== null && Date.parse(appointment.cancellableUntil) > now;
}

/** A confirmed visit past the online deadline: only the window can cancel it now. */
export function cancelOnlyAtWindow(appointment: Timed, now: number): boolean {
  return appointment.status === 'confirmed' && !canCancelOnline(appointment, now);
}

/** A held appointment whose hold still runs, so paying it can still confirm it. */
export function canPay(
  appointment: Pick<Appointment, 'status' | 'feeFen' | 'holdExpiresAt'>,
  now: number,
): boolean {
  if (appointment.status !== 'held' || appointment.feeFen <= 0) return false;
  return appointment.holdExpiresAt === null || Date.parse(appointment.holdExpiresAt) > now;
}

/**
 * Where a refused booking leaves the patient: another slot of the same clinic, another clinic,
 * the patient list, their appointments, or nowhere (the message says it all, e.g. go to the window).
 */
export type RefusalStep = 'slots' | 'schedules' | 'patients' | 'appointments' | null;

/** The next step after the server refuses a booking with this error code. */
export function refusalNextStep(code: string): RefusalStep {
  switch (code) {
    case 'SLOT_TAKEN':
      return 'slots';
    case 'SCHEDULE_NOT_BOOKABLE':
      return 'schedules';
    case 'PATIENT_NOT_VERIFIED':
      return 'patients';
    case 'DUPLICATE_APPOINTMENT':
    case 'DAILY_LIMIT_REACHED':
    case 'WEEKLY_LIMIT_REACHED':
      return 'appointments';
    default:
      return null;
  }
}
