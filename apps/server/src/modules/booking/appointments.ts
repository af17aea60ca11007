import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type {
  Appointment,
  AppointmentStatus,
  BookBody,
  CheckInResult,
  PayRequest,
  StopProgress,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import { formatYuan as yuan } from '../../lib/money';
import { maskName } from '../../lib/pii';
import { databaseError, rowsOf, uniqueViolation } from '../../lib/sql';
import { addDays, isoWeekday, localClock, localDate, zonedInstant } from '../../lib/time';
import { auditInsertWhen, recordAudit } from '../audit/service';
import { departments, doctors } from '../directory/schema';
import { enqueueNotification } from '../notifications/enqueue';
import { notifications } from '../notifications/schema';
import { patients } from '../patients/schema';
import { verifyPatientQrToken } from '../patients/qrcode';
import {
  abandonPaymentOrder,
  paymentOrderInsertWhen,
  findOrder,
  refundsOf,
  registerPaymentPurpose,
  requestRefundInTx,
  startJsapiPayment,
  submitDueRefunds,
  syncPaymentOrder,
} from '../payments/service';
import { paymentOrders } from '../payments/schema';
import {
  liveStatuses,
  recordAppointmentEvent,
  transition,
  visitReminderKey,
  type AppointmentRow,
  type Mover,
} from './lifecycle';
import { appointmentEvents, appointments, schedules, slots } from './schema';
import { bookingLookup, realNameVerified, type BookingLookup } from './lookup';
import { scheduleOpenForBooking } from './schedules';
import { cancelDeadline, loadSettings } from './settings';
import { appointmentView, toViews, viewRows } from './views';

const PURPOSE = 'appointment';
/** Periods as patients read them, in notices and exports. */
export const PERIOD_ZH: Record<string, string> = {
  morning: '上午',
  afternoon: '下午',
  evening: '晚上',
};

/** The patient a WeChat user may book for: their own, still bound. */
async function ownPatient(db: Executor, openid: string, patientId: string) {
  const [patient] = await db
    .select()
    .from(patients)
    .where(
      and(eq(patients.id, patientId), eq(patients.ownerOpenid, openid), isNull(patients.unboundAt)),
    );
  if (!patient) throw new DomainError('NOT_FOUND', { field: 'patientId' });
  return patient;
}

/** The Monday–Sunday week of a date. */
function weekOf(date: string): { from: string; to: string } {
  const from = addDays(date, 1 - isoWeekday(date));
  return { from, to: addDays(from, 6) };
}

/**
 * The call of `booking_person_rules` (migration 0018) for one booking: true, or it raises the
 * refusal. It takes the person's lock and counts on a snapshot taken after it, so it can sit in
 * the statement that claims the slot.
 */
function personRules(
  settings: BookingLookup['settings'],
  personHash: string,
  schedule: Pick<typeof schedules.$inferSelect, 'doctorId' | 'date'>,
  now: Date,
): SQL {
  const week = weekOf(schedule.date);
  const noShowSince = new Date(now.getTime() - settings.noShowWindowDays * 86_400_000);
  const historyFrom = addDays(week.from, -settings.noShowWindowDays - 7);
  return sql`booking_person_rules(${personHash}, ${schedule.doctorId}::uuid,
    ${schedule.date}::date, ${week.from}::date, ${week.to}::date, ${historyFrom}::date,
    ${noShowSince}::timestamptz, ${now}::timestamptz, ${settings.maxPerPatientPerDay}::int,
    ${settings.maxPerPatientPerWeek}::int, ${settings.noShowLimit}::int,
    ${settings.noShowBanDays}::int)`;
}

/** The refusal `booking_person_rules` raised (SQLSTATE ZYB01), or undefined for other errors. */
function personRulesRefusal(error: unknown): DomainError | undefined {
  const raised = databaseError(error);
  if (raised?.code !== 'ZYB01') return undefined;
  switch (raised.message) {
    case 'BOOKING_SUSPENDED':
      return new DomainError('BOOKING_SUSPENDED', {
        until: new Date(raised.detail ?? '').toISOString(),
      });
    case 'DAILY_LIMIT_REACHED':
    case 'WEEKLY_LIMIT_REACHED':
      return new DomainError(raised.message, { limit: Number(raised.detail) });
    case 'DUPLICATE_APPOINTMENT':
      return new DomainError('DUPLICATE_APPOINTMENT');
    default:
      return undefined;
  }
}

/**
 * Books a slot. Free registrations are confirmed at once; paid ones are held for `holdMinutes`
 * while the patient pays. The slot is taken by one conditional update (never sold twice: the
 * partial unique index on live appointments backs it up), and the rules of one person are
 * checked under a per-person lock so that two simultaneous bookings cannot both pass them.
 */
export async function book(
  deps: Deps,
  meta: RequestMeta,
  openid: string,
  body: BookBody,
): Promise<Appointment> {
  const now = deps.clock.now();
  const found = await bookingLookup(deps, openid, body, now);
  if (!found) return refuseLookup(deps, openid, body);
  if (!realNameVerified(found.patient)) throw new DomainError('PATIENT_NOT_VERIFIED');
  if (!scheduleOpenForBooking(found.schedule, now)) {
    throw new DomainError('SCHEDULE_NOT_BOOKABLE');
  }
  // Cheap refusal without a transaction when nothing is left: most of a rush ends here.
  if (!found.anyFree) throw new DomainError('SLOT_TAKEN');

  const { patient, schedule, settings } = found;
  const appointmentId = randomUUID();
  const holdExpiresAt = new Date(now.getTime() + settings.holdMinutes * 60_000);
  const mover: Mover = { actorType: 'patient', actorId: openid };
  const booked = sql`exists (select 1 from appointment)`;
  const order =
    schedule.feeFen === 0
      ? null
      : paymentOrderInsertWhen(
          deps,
          {
            id: randomUUID(),
            purpose: PURPOSE,
            referenceId: appointmentId,
            payerOpenid: openid,
            payerName: patient.name,
            description: '挂号费',
            amountFen: schedule.feeFen,
            expiresAt: holdExpiresAt,
          },
          booked,
        );
  const orderId = order?.id ?? null;
  const target = body.slotId
    ? sql`${body.slotId}::uuid`
    : sql`(select id from slots where schedule_id = ${schedule.id} and pool = 'online'
             and status = 'free' and ends_at > ${now}
           order by seq limit 1 for update skip locked)`;
  // The whole booking is one statement, atomic by itself and one round trip: the person's rules
  // (checked only for a slot that can be had), the slot, the appointment and its first event,
  // the payment order and the audit row.
  const claim = sql`
    with claimed as (
      update slots set status = 'held', appointment_id = ${appointmentId}
      where id = ${target} and schedule_id = ${schedule.id} and pool = 'online'
        and status = 'free' and ends_at > ${now}
        and ${personRules(settings, patient.idNumberHash, schedule, now)}
      returning id, seq, starts_at, ends_at
    ), appointment as (
      insert into appointments (id, patient_id, person_hash, owner_openid, schedule_id,
        slot_id, doctor_id, visit_date, seq, starts_at, ends_at, fee_fen, status,
        hold_expires_at, payment_order_id, created_at, updated_at)
      select ${appointmentId}, ${patient.id}, ${patient.idNumberHash}, ${openid},
        ${schedule.id}, c.id, ${schedule.doctorId}, ${schedule.date}, c.seq, c.starts_at,
        c.ends_at, ${schedule.feeFen}, 'held', ${holdExpiresAt}, ${orderId}, ${now}, ${now}
      from claimed c
      returning id
    ), event as (
      insert into appointment_events (appointment_id, from_status, to_status, actor_type,
        actor_id, reason, at)
      select id, null, 'held', ${mover.actorType}, ${openid}, 'booked', ${now}
      from appointment
    ), ${order ? sql`${order.ctes},` : sql``} audit as (
      ${auditInsertWhen(
        meta,
        {
          action: 'appointment.book',
          result: 'success',
          objectType: 'appointment',
          objectId: appointmentId,
        },
        booked,
      )}
    )
    select id, seq, starts_at, ends_at from claimed`;
  type Claimed = { id: string; seq: number; starts_at: Date | string; ends_at: Date | string };
  let slot: Claimed | undefined;
  try {
    if (order) {
      [slot] = rowsOf<Claimed>(await deps.db.execute(claim));
    } else {
      // A free registration is confirmed (and its notice queued) in the same transaction.
      slot = await deps.db.transaction(async (tx) => {
        const [claimed] = rowsOf<Claimed>(await tx.execute(claim));
        if (!claimed) return undefined;
        const [held] = await tx
          .select()
          .from(appointments)
          .where(eq(appointments.id, appointmentId));
        await confirm(tx, deps, held!, 'free', mover, now);
        return claimed;
      });
    }
  } catch (error) {
    const refusal = personRulesRefusal(error);
    if (refusal) throw refusal;
    const constraint = uniqueViolation(error);
    if (constraint === 'appointments_live_slot_idx') throw new DomainError('SLOT_TAKEN');
    if (constraint === 'appointments_live_person_doctor_day_idx') {
      throw new DomainError('DUPLICATE_APPOINTMENT');
    }
    throw error;
  }
  if (!slot) throw new DomainError('SLOT_TAKEN');
  if (!orderId) return appointmentView(deps, appointmentId);
  // A held appointment's view is all known here: no need to read it back at a release instant.
  return {
    id: appointmentId,
    status: 'held',
    patient: { id: patient.id, name: patient.name },
    doctor: { id: schedule.doctorId, name: found.doctorName, title: found.doctorTitle },
    departmentName: found.departmentName,
    departmentLocation: found.departmentLocation,
    date: schedule.date,
    period: found.period as Appointment['period'],
    clinicType: found.clinicType as Appointment['clinicType'],
    seq: Number(slot.seq),
    startsAt: new Date(slot.starts_at).toISOString(),
    endsAt: new Date(slot.ends_at).toISOString(),
    feeFen: schedule.feeFen,
    holdExpiresAt: holdExpiresAt.toISOString(),
    cancellableUntil: holdExpiresAt.toISOString(),
    payment: {
      orderId,
      status: 'created',
      amountFen: schedule.feeFen,
      refundedFen: 0,
      paidAt: null,
      refunds: [],
    },
    checkedInAt: null,
    createdAt: now.toISOString(),
    events: [
      {
        from: null,
        to: 'held',
        actorType: mover.actorType,
        reason: 'booked',
        note: null,
        at: now.toISOString(),
      },
    ],
  };
}

/** Says which of the patient and the schedule was not found. */
async function refuseLookup(deps: Deps, openid: string, body: BookBody): Promise<never> {
  await ownPatient(deps.db, openid, body.patientId);
  throw new DomainError('NOT_FOUND', { field: 'scheduleId' });
}

/** The notice data of an appointment: no ID or phone numbers, the patient's name masked. */
async function noticeData(tx: Executor, deps: Deps, appointment: AppointmentRow) {
  const [row] = await tx
    .select({
      patientName: patients.name,
      doctorName: doctors.name,
      departmentName: departments.name,
      location: departments.location,
      period: schedules.period,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(schedules, eq(schedules.id, appointments.scheduleId))
    .innerJoin(doctors, eq(doctors.id, schedules.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .where(eq(appointments.id, appointment.id));
  const tz = deps.config.timeZone;
  const period = PERIOD_ZH[row!.period] ?? row!.period;
  return {
    patientName: maskName(row!.patientName),
    department: row!.departmentName,
    doctor: row!.doctorName,
    visitDate: `${appointment.visitDate} ${period}`,
    visitTime: `${appointment.visitDate} ${period} ${localClock(appointment.startsAt, tz)}-${localClock(appointment.endsAt, tz)}`,
    sequence: String(appointment.seq),
    fee: yuan(appointment.feeFen),
    location: row!.location ?? '',
  };
}

async function confirm(
  tx: Tx,
  deps: Deps,
  appointment: AppointmentRow,
  reason: 'paid' | 'free',
  mover: Mover,
  now: Date,
): Promise<void> {
  const confirmed = await transition(tx, appointment, 'confirmed', reason, mover, now);
  const data = await noticeData(tx, deps, confirmed);
  await enqueueNotification(tx, deps.clock, {
    kind: 'appointment_booked',
    recipientOpenid: confirmed.ownerOpenid,
    data: {
      patientName: data.patientName,
      department: data.department,
      doctor: data.doctor,
      visitTime: data.visitTime,
      sequence: data.sequence,
      fee: data.fee,
    },
    idempotencyKey: `appointment_booked:${confirmed.id}`,
  });
  // The 就诊提醒 goes out the evening before at the configured time, unless the booking is made
  // after that (its own notice says it all); leaving `confirmed` before then skips it
  // (lifecycle.transition).
  const { visitReminderTime } = await loadSettings(tx);
  const remindAt =
    visitReminderTime &&
    zonedInstant(addDays(confirmed.visitDate, -1), visitReminderTime, deps.config.timeZone);
  if (remindAt && remindAt > now) {
    await enqueueNotification(tx, deps.clock, {
      kind: 'appointment_reminder',
      recipientOpenid: confirmed.ownerOpenid,
      data: {
        patientName: data.patientName,
        department: data.department,
        doctor: data.doctor,
        visitTime: `${data.visitDate} ${localClock(confirmed.startsAt, deps.config.timeZone)}`,
        location: data.location,
      },
      idempotencyKey: visitReminderKey(confirmed.id),
      notBefore: remindAt,
    });
  }
}

// The payments module tells us what became of an appointment's order, in its transaction.
registerPaymentPurpose(PURPOSE, {
  async onPaid(tx, order, deps) {
    const [appointment] = await tx
      .select()
      .from(appointments)
      .where(eq(appointments.id, order.referenceId))
      .for('update');
    const now = deps.clock.now();
    const system: Mover = { actorType: 'system', actorId: null };
    if (appointment?.status === 'held') {
      await confirm(tx, deps, appointment, 'paid', system, now);
      return {};
    }
    // The hold ended (or the patient cancelled) before the money arrived: give it back.
    if (appointment) {
      const status = appointment.status as AppointmentStatus;
      await recordAppointmentEvent(
        tx,
        appointment.id,
        status,
        status,
        'paid_after_expiry',
        system,
        now,
      );
    }
    return { refund: '号源已释放，挂号费原路退回' };
  },
  async onRefunded(tx, order, refund, deps) {
    const [appointment] = await tx
      .select()
      .from(appointments)
      .where(eq(appointments.id, order.referenceId));
    if (!appointment) return;
    const data = await noticeData(tx, deps, appointment);
    await enqueueNotification(tx, deps.clock, {
      kind: 'refund_completed',
      recipientOpenid: order.payerOpenid,
      data: {
        patientName: data.patientName,
        item: '挂号费',
        amount: yuan(refund.amountFen),
        refundedAt: `${localDate(refund.completedAt ?? deps.clock.now(), deps.config.timeZone)} ${localClock(refund.completedAt ?? deps.clock.now(), deps.config.timeZone)}`,
      },
      idempotencyKey: `refund_completed:${refund.id}`,
    });
  },
});

/**
 * Cancels an appointment: a held one at any time, a confirmed one until the deadline. The slot
 * returns to the pool, a paid fee is refunded, and the patient is told.
 */
export async function cancelAppointment(
  deps: Deps,
  meta: RequestMeta,
  openid: string,
  id: string,
  reason: string | undefined,
): Promise<Appointment> {
  await ownAppointment(deps.db, openid, id);
  const settings = await loadSettings(deps.db);
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const [appointment] = await tx
      .select()
      .from(appointments)
      .where(eq(appointments.id, id))
      .for('update');
    const a = appointment!;
    if (a.status === 'confirmed' && cancelDeadline(a, settings, deps.config.timeZone) <= now) {
      throw new DomainError('CANCEL_CUTOFF_PASSED');
    }
    if (a.status !== 'held' && a.status !== 'confirmed') {
      throw new DomainError('APPOINTMENT_STATE', { status: a.status });
    }
    const mover: Mover = { actorType: 'patient', actorId: openid };
    return endWithRefund(tx, deps, a, 'patient_cancelled', mover, now, reason ?? null);
  });
  if (outcome.abandonOrderId) await abandonPaymentOrder(deps, outcome.abandonOrderId);
  if (outcome.refunded) void submitDueRefunds(deps).catch(() => undefined);
  await recordAudit(deps.db, meta, {
    action: 'appointment.cancel',
    result: 'success',
    objectType: 'appointment',
    objectId: id,
  });
  return appointmentView(deps, id);
}

/**
 * Cancels a live appointment in the caller's transaction: a paid order is refunded in full, an
 * unpaid one is to be abandoned after the commit (it needs WeChat Pay), and the patient is told.
 */
async function endWithRefund(
  tx: Tx,
  deps: Deps,
  appointment: AppointmentRow,
  reason: 'patient_cancelled' | 'staff_cancelled' | 'clinic_stopped',
  mover: Mover,
  now: Date,
  note: string | null,
): Promise<{ refunded: boolean; abandonOrderId: string | null; refundFen: number }> {
  const cancelled = await transition(tx, appointment, 'cancelled', reason, mover, now, note);
  let refunded = false;
  let abandonOrderId: string | null = null;
  let refundFen = 0;
  if (cancelled.paymentOrderId) {
    const [order] = await tx
      .select()
      .from(paymentOrders)
      .where(eq(paymentOrders.id, cancelled.paymentOrderId));
    if (order && (order.status === 'paid' || order.status === 'partially_refunded')) {
      refundFen = order.amountFen - order.refundedFen;
      if (refundFen > 0) {
        await requestRefundInTx(tx, deps.clock, {
          orderId: order.id,
          amountFen: refundFen,
          reason: reason === 'clinic_stopped' ? '医生停诊退款' : '取消预约退款',
          requestedBy: mover.actorType === 'staff' ? `staff:${mover.actorId}` : 'system',
        });
        refunded = true;
      }
    } else if (order && (order.status === 'created' || order.status === 'paying')) {
      abandonOrderId = order.id;
    }
  }
  const data = await noticeData(tx, deps, cancelled);
  if (reason === 'clinic_stopped') {
    await enqueueNotification(tx, deps.clock, {
      kind: 'clinic_stopped',
      recipientOpenid: cancelled.ownerOpenid,
      data: {
        patientName: data.patientName,
        department: data.department,
        doctor: data.doctor,
        visitTime: data.visitDate,
        refund: yuan(refundFen),
      },
      idempotencyKey: `clinic_stopped:${cancelled.id}`,
    });
  } else if (appointment.status === 'confirmed') {
    await enqueueNotification(tx, deps.clock, {
      kind: 'appointment_cancelled',
      recipientOpenid: cancelled.ownerOpenid,
      data: {
        patientName: data.patientName,
        department: data.department,
        doctor: data.doctor,
        visitTime: data.visitDate,
        reason: reason === 'patient_cancelled' ? '患者取消' : '医院取消',
      },
      idempotencyKey: `appointment_cancelled:${cancelled.id}`,
    });
  }
  return { refunded, abandonOrderId, refundFen };
}

async function ownAppointment(db: Executor, openid: string, id: string): Promise<AppointmentRow> {
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, id), eq(appointments.ownerOpenid, openid)));
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** Starts (or resumes) paying a held appointment. */
export async function payAppointment(deps: Deps, openid: string, id: string): Promise<PayRequest> {
  const appointment = await ownAppointment(deps.db, openid, id);
  if (appointment.status === 'expired') throw new DomainError('HOLD_EXPIRED');
  if (appointment.status !== 'held' || !appointment.paymentOrderId) {
    throw new DomainError('APPOINTMENT_STATE', { status: appointment.status });
  }
  if (appointment.holdExpiresAt && appointment.holdExpiresAt <= deps.clock.now()) {
    throw new DomainError('HOLD_EXPIRED');
  }
  return startJsapiPayment(deps, appointment.paymentOrderId);
}

/** After the pay sheet: asks WeChat Pay for the outcome now rather than waiting for the notice. */
export async function syncAppointment(
  deps: Deps,
  openid: string,
  id: string,
): Promise<Appointment> {
  const appointment = await ownAppointment(deps.db, openid, id);
  if (appointment.status === 'held' && appointment.paymentOrderId) {
    const order = await findOrder(deps.db, appointment.paymentOrderId);
    if (order?.status === 'paying') await syncPaymentOrder(deps, order.id);
  }
  return appointmentView(deps, id);
}

// ---- Views ----

export async function myAppointment(deps: Deps, openid: string, id: string): Promise<Appointment> {
  await ownAppointment(deps.db, openid, id);
  return appointmentView(deps, id);
}

/** 我的预约: upcoming (live and not over) soonest first, or past ones latest first. */
export async function myAppointments(
  deps: Deps,
  openid: string,
  scope: 'upcoming' | 'past',
): Promise<Appointment[]> {
  const now = deps.clock.now();
  const upcoming = and(
    inArray(appointments.status, liveStatuses),
    sql`${appointments.endsAt} > ${now}`,
  );
  const where =
    scope === 'upcoming'
      ? and(eq(appointments.ownerOpenid, openid), upcoming)
      : and(eq(appointments.ownerOpenid, openid), sql`not (${upcoming})`);
  return toViews(deps, await viewRows(deps.db, where, scope === 'upcoming' ? 'asc' : 'desc'));
}

// ---- Jobs ----

/**
 * Ends holds that ran out. A hold whose payment is under way is asked about first, so a payment
 * made in the last second confirms rather than expires; if money still arrives after the hold
 * ended, the payments module refunds it.
 */
export async function expireHolds(deps: Deps, limit = 100): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db
    .select()
    .from(appointments)
    .where(and(eq(appointments.status, 'held'), lte(appointments.holdExpiresAt, now)))
    .limit(limit);
  let expired = 0;
  for (const candidate of due) {
    if (candidate.paymentOrderId) {
      const order = await findOrder(deps.db, candidate.paymentOrderId);
      if (order?.status === 'paying') await syncPaymentOrder(deps, order.id);
    }
    // Undefined when the appointment was confirmed or cancelled meanwhile.
    const ended = await deps.db.transaction(async (tx) => {
      const [a] = await tx
        .select()
        .from(appointments)
        .where(eq(appointments.id, candidate.id))
        .for('update');
      if (a?.status !== 'held') return undefined;
      await transition(
        tx,
        a,
        'expired',
        'hold_expired',
        { actorType: 'system', actorId: null },
        deps.clock.now(),
      );
      return { orderId: a.paymentOrderId };
    });
    if (ended) {
      expired++;
      if (ended.orderId) await abandonPaymentOrder(deps, ended.orderId);
    }
  }
  return expired;
}

/**
 * After a period ends: confirmed appointments nobody checked in become no-shows and their slots
 * are released; the schedule is marked swept.
 */
export async function sweepNoShows(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const ended = await deps.db
    .select({ id: schedules.id })
    .from(schedules)
    .where(and(lte(schedules.endsAt, now), isNull(schedules.closedAt)))
    .limit(200);
  let noShows = 0;
  for (const { id } of ended) {
    noShows += await deps.db.transaction(async (tx) => {
      const missed = await tx
        .select()
        .from(appointments)
        .where(and(eq(appointments.scheduleId, id), eq(appointments.status, 'confirmed')))
        .for('update');
      for (const a of missed) {
        await transition(tx, a, 'no_show', 'no_show', { actorType: 'system', actorId: null }, now);
      }
      await tx.update(schedules).set({ closedAt: now }).where(eq(schedules.id, id));
      return missed.length;
    });
  }
  return noShows;
}

// ---- Check-in ----

/**
 * Checks a patient in by the QR code on their phone: today's confirmed appointments of that person
 * whose period has not ended.
 */
export async function checkIn(
  deps: Deps,
  meta: RequestMeta,
  token: string,
  mover: Mover,
): Promise<CheckInResult> {
  const now = deps.clock.now();
  const patientId = verifyPatientQrToken(deps.config.session.secret, token, now);
  if (!patientId) throw new DomainError('CHECK_IN_TOKEN_INVALID');
  const [patient] = await deps.db.select().from(patients).where(eq(patients.id, patientId));
  if (!patient || patient.unboundAt) throw new DomainError('CHECK_IN_TOKEN_INVALID');
  const today = localDate(now, deps.config.timeZone);
  const checked = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.personHash, patient.idNumberHash),
          eq(appointments.visitDate, today),
          eq(appointments.status, 'confirmed'),
          sql`${appointments.endsAt} > ${now}`,
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .for('update');
    const moved: AppointmentRow[] = [];
    for (const a of due)
      moved.push(await transition(tx, a, 'checked_in', 'checked_in', mover, now));
    return moved;
  });
  if (checked.length === 0) throw new DomainError('NOTHING_TO_CHECK_IN');
  await recordAudit(deps.db, meta, {
    action: 'appointment.check_in',
    result: 'success',
    objectType: 'patient',
    objectId: patient.id,
    details: { appointments: checked.map((a) => a.id), by: mover.actorType },
  });
  const views = await viewRows(
    deps.db,
    inArray(
      appointments.id,
      checked.map((a) => a.id),
    ),
    'asc',
  );
  return {
    patientName: maskName(patient.name),
    checkedIn: views.map((r) => ({
      appointmentId: r.a.id,
      doctorName: r.doctorName,
      departmentName: r.departmentName,
      departmentLocation: r.departmentLocation,
      seq: r.a.seq,
      startsAt: r.a.startsAt.toISOString(),
    })),
  };
}

// ---- Stop clinic ----

/**
 * Stops a clinic (停诊): the schedule closes, every slot is blocked (waiting for bookings in
 * flight, whose slot rows are locked), then every live appointment is cancelled, refunded and
 * told, all in one transaction. Refunds go to WeChat Pay afterwards and the admin watches them.
 */
export async function stopClinic(
  deps: Deps,
  meta: RequestMeta,
  scheduleId: string,
  reason: string,
): Promise<void> {
  const now = deps.clock.now();
  const staff: Mover = {
    actorType: 'staff',
    actorId: meta.actor.type === 'staff' ? meta.actor.accountId : null,
  };
  const abandon = await deps.db.transaction(async (tx) => {
    const [schedule] = await tx
      .select()
      .from(schedules)
      .where(eq(schedules.id, scheduleId))
      .for('update');
    if (!schedule) throw new DomainError('NOT_FOUND');
    if (schedule.status === 'stopped') throw new DomainError('SCHEDULE_STOPPED');
    await tx
      .update(schedules)
      .set({ status: 'stopped', stopReason: reason, stoppedAt: now, stoppedBy: staff.actorId })
      .where(eq(schedules.id, scheduleId));
    await tx
      .update(slots)
      .set({ status: 'blocked', appointmentId: null })
      .where(eq(slots.scheduleId, scheduleId));
    const live = await tx
      .select()
      .from(appointments)
      .where(
        and(eq(appointments.scheduleId, scheduleId), inArray(appointments.status, liveStatuses)),
      )
      .for('update');
    const orders: string[] = [];
    for (const a of live) {
      const outcome = await endWithRefund(tx, deps, a, 'clinic_stopped', staff, now, reason);
      if (outcome.abandonOrderId) orders.push(outcome.abandonOrderId);
    }
    await recordAudit(tx, meta, {
      action: 'booking.schedule.stop',
      result: 'success',
      objectType: 'schedule',
      objectId: scheduleId,
      details: { reason, cancelled: live.length },
    });
    return orders;
  });
  for (const orderId of abandon) await abandonPaymentOrder(deps, orderId);
  void submitDueRefunds(deps).catch(() => undefined);
}

/** How far a stopped clinic's cancellations, refunds and notices have got. */
export async function stopProgress(deps: Deps, scheduleId: string): Promise<StopProgress> {
  const cancelled = await deps.db
    .select({ id: appointments.id, paymentOrderId: appointments.paymentOrderId })
    .from(appointments)
    .innerJoin(appointmentEvents, eq(appointmentEvents.appointmentId, appointments.id))
    .where(
      and(eq(appointments.scheduleId, scheduleId), eq(appointmentEvents.reason, 'clinic_stopped')),
    );
  const orderIds = cancelled.flatMap((c) => (c.paymentOrderId ? [c.paymentOrderId] : []));
  const refunds = await refundsOf(deps.db, orderIds);
  const keys = cancelled.map((c) => `clinic_stopped:${c.id}`);
  const notices = keys.length
    ? await deps.db
        .select({ status: notifications.status })
        .from(notifications)
        .where(inArray(notifications.idempotencyKey, keys))
    : [];
  const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;
  const progress = {
    cancelled: cancelled.length,
    refunds: {
      pending: count(refunds, (r) => r.status === 'pending' || r.status === 'processing'),
      succeeded: count(refunds, (r) => r.status === 'succeeded'),
      failed: count(refunds, (r) => r.status === 'abnormal' || r.status === 'closed'),
    },
    notices: {
      queued: count(notices, (n) => n.status === 'pending' || n.status === 'sending'),
      sent: count(notices, (n) => n.status === 'sent'),
      failed: count(notices, (n) => ['failed', 'dead', 'skipped'].includes(n.status)),
    },
  };
  return { ...progress, done: progress.refunds.pending === 0 && progress.notices.queued === 0 };
}
