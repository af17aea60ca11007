import { and, eq } from 'drizzle-orm';
import type { AppointmentStatus } from '@zhangyi/contracts';
import type { Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import { withdrawNotification } from '../notifications/enqueue';
import { appointmentEvents, appointments, slots } from './schema';

export type AppointmentRow = typeof appointments.$inferSelect;

/** Who moves an appointment. */
export interface Mover {
  actorType: 'patient' | 'staff' | 'system' | 'kiosk';
  actorId: string | null;
}

/**
 * Every allowed move, with the reasons that may cause it. Anything else is refused. The slot
 * follows the appointment: `booked` while confirmed or checked in, free again when the
 * appointment ends without a visit, blocked by a stopped clinic (done by the stop itself).
 */
const moves: Record<string, readonly string[]> = {
  'held>confirmed': ['paid', 'free'],
  'held>expired': ['hold_expired'],
  'held>cancelled': ['patient_cancelled', 'staff_cancelled', 'clinic_stopped'],
  'confirmed>checked_in': ['checked_in'],
  'confirmed>cancelled': ['patient_cancelled', 'staff_cancelled', 'clinic_stopped'],
  'confirmed>no_show': ['no_show'],
  'checked_in>cancelled': ['clinic_stopped'],
};

/** Live appointments hold their slot. */
export const liveStatuses: AppointmentStatus[] = ['held', 'confirmed', 'checked_in'];

export function canMove(from: AppointmentStatus, to: AppointmentStatus, reason: string): boolean {
  return moves[`${from}>${to}`]?.includes(reason) ?? false;
}

const slotAfter: Partial<Record<AppointmentStatus, 'booked' | 'free'>> = {
  confirmed: 'booked',
  expired: 'free',
  cancelled: 'free',
  no_show: 'free',
};

/**
 * Moves an appointment (locked by the caller with `select … for update`) and records the event.
 * The update is conditional on the status the caller saw, so a concurrent move cannot be undone.
 */
export async function transition(
  tx: Tx,
  appointment: AppointmentRow,
  to: AppointmentStatus,
  reason: string,
  mover: Mover,
  now: Date,
  note: string | null = null,
): Promise<AppointmentRow> {
  const from = appointment.status as AppointmentStatus;
  if (!canMove(from, to, reason)) {
    throw new DomainError('APPOINTMENT_STATE', { status: from, to });
  }
  const [moved] = await tx
    .update(appointments)
    .set({
      status: to,
      updatedAt: now,
      ...(to !== 'held' && { holdExpiresAt: null }),
      ...(to === 'checked_in' && { checkedInAt: now }),
    })
    .where(and(eq(appointments.id, appointment.id), eq(appointments.status, from)))
    .returning();
  if (!moved) throw new DomainError('APPOINTMENT_STATE', { status: from, to });
  const slotStatus = slotAfter[to];
  if (slotStatus) {
    // A blocked slot (stopped clinic) stays blocked; otherwise the slot follows the appointment.
    await tx
      .update(slots)
      .set(
        slotStatus === 'free'
          ? { status: 'free', appointmentId: null }
          : { status: 'booked', appointmentId: appointment.id },
      )
      .where(and(eq(slots.id, appointment.slotId), eq(slots.appointmentId, appointment.id)));
  }
  // A reminder is only waiting while the appointment is confirmed.
  if (from === 'confirmed' && to !== 'checked_in') {
    await withdrawNotification(tx, { now: () => now }, visitReminderKey(appointment.id));
  }
  await recordAppointmentEvent(tx, appointment.id, from, to, reason, mover, now, note);
  return moved;
}

/** The idempotency key of an appointment's visit reminder (queued when it is confirmed). */
export function visitReminderKey(appointmentId: string): string {
  return `appointment_reminder:${appointmentId}`;
}

export async function recordAppointmentEvent(
  tx: Tx,
  appointmentId: string,
  from: AppointmentStatus | null,
  to: AppointmentStatus,
  reason: string,
  mover: Mover,
  now: Date,
  note: string | null = null,
): Promise<void> {
  await tx.insert(appointmentEvents).values({
    appointmentId,
    fromStatus: from,
    toStatus: to,
    actorType: mover.actorType,
    actorId: mover.actorId,
    reason,
    note,
    at: now,
  });
}
