import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { departments, doctors } from '../directory/schema';
import { patients } from '../patients/schema';

/** The hospital's booking rules: exactly one row. */
export const bookingSettings = pgTable(
  'booking_settings',
  {
    id: integer('id').primaryKey().default(1),
    bookingDays: integer('booking_days').notNull().default(7),
    /** Local HH:mm at which the day `booking_days` ahead opens. */
    releaseTime: text('release_time').notNull().default('07:00'),
    holdMinutes: integer('hold_minutes').notNull().default(10),
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull().default(0),
    maxPerPatientPerDay: integer('max_per_patient_per_day').notNull().default(2),
    maxPerPatientPerWeek: integer('max_per_patient_per_week').notNull().default(5),
    defaultOnlineRatioPercent: integer('default_online_ratio_percent').notNull().default(50),
    noShowLimit: integer('no_show_limit').notNull().default(3),
    noShowWindowDays: integer('no_show_window_days').notNull().default(90),
    noShowBanDays: integer('no_show_ban_days').notNull().default(30),
    /** Local HH:mm the evening before a visit at which its reminder goes out; null sends none. */
    visitReminderTime: text('visit_reminder_time').default('18:00'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('booking_settings_single_row', sql`${t.id} = 1`)],
);

/** A department's own share of online slots, overriding the hospital's default. */
export const departmentBookingRatios = pgTable('department_booking_ratios', {
  departmentId: uuid('department_id')
    .primaryKey()
    .references(() => departments.id, { onDelete: 'cascade' }),
  onlineRatioPercent: integer('online_ratio_percent').notNull(),
});

/** A doctor's regular weekly clinic, from which schedules are made. */
export const scheduleTemplates = pgTable(
  'schedule_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(),
    period: text('period').notNull(),
    clinicType: text('clinic_type').notNull(),
    feeFen: integer('fee_fen').notNull(),
    slotCount: integer('slot_count').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    onlineRatioPercent: integer('online_ratio_percent'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('schedule_templates_doctor_slot_idx').on(t.doctorId, t.weekday, t.period),
    check('schedule_templates_weekday', sql`${t.weekday} between 1 and 7`),
  ],
);

/** One clinic of one doctor on one date and period; its slots are the number sources (号源). */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    doctorId: uuid('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    templateId: uuid('template_id'),
    date: date('date').notNull(),
    period: text('period').notNull(),
    clinicType: text('clinic_type').notNull(),
    feeFen: integer('fee_fen').notNull(),
    onlineRatioPercent: integer('online_ratio_percent').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** When the online pool opens. */
    releaseAt: timestamp('release_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('open'),
    stopReason: text('stop_reason'),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    stoppedBy: uuid('stopped_by'),
    /** Set once the no-show sweep has passed this schedule. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('schedules_doctor_date_period_idx').on(t.doctorId, t.date, t.period),
    index('schedules_date_idx').on(t.date),
    index('schedules_department_date_idx').on(t.departmentId, t.date),
    check('schedules_status', sql`${t.status} in ('open','stopped')`),
    check('schedules_fee', sql`${t.feeFen} >= 0`),
  ],
);

/**
 * One sequence number of a schedule. `status` free → held → booked, back to free when a hold
 * expires or a booking is cancelled; `blocked` when the clinic stops. The online pool is bookable
 * here; the window pool is left to the registration window.
 */
export const slots = pgTable(
  'slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    pool: text('pool').notNull(),
    status: text('status').notNull().default('free'),
    appointmentId: uuid('appointment_id'),
  },
  (t) => [
    uniqueIndex('slots_schedule_seq_idx').on(t.scheduleId, t.seq),
    index('slots_free_idx')
      .on(t.scheduleId, t.seq)
      .where(sql`${t.pool} = 'online' and ${t.status} = 'free'`),
    check('slots_pool', sql`${t.pool} in ('online','window')`),
    check('slots_status', sql`${t.status} in ('free','held','booked','blocked')`),
    // A taken slot names its appointment; a free one names none.
    check(
      'slots_taken_has_appointment',
      sql`(${t.status} in ('held','booked')) = (${t.appointmentId} is not null)`,
    ),
  ],
);

/** A patient's appointment; its status moves only through `transition` in appointments.ts. */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'restrict' }),
    /** Keyed hash of the patient's ID number: the person, whoever booked for them. */
    personHash: text('person_hash').notNull(),
    ownerOpenid: text('owner_openid').notNull(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id, { onDelete: 'restrict' }),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id, { onDelete: 'restrict' }),
    doctorId: uuid('doctor_id').notNull(),
    visitDate: date('visit_date').notNull(),
    seq: integer('seq').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    feeFen: integer('fee_fen').notNull(),
    status: text('status').notNull(),
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    paymentOrderId: uuid('payment_order_id'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'appointments_status',
      sql`${t.status} in ('held','confirmed','checked_in','expired','cancelled','no_show')`,
    ),
    // The database, not the code, guarantees a slot is never sold twice …
    uniqueIndex('appointments_live_slot_idx')
      .on(t.slotId)
      .where(sql`${t.status} in ('held','confirmed','checked_in')`),
    // … and one appointment per person, doctor and day.
    uniqueIndex('appointments_live_person_doctor_day_idx')
      .on(t.personHash, t.doctorId, t.visitDate)
      .where(sql`${t.status} in ('held','confirmed','checked_in')`),
    index('appointments_owner_idx').on(t.ownerOpenid, t.visitDate),
    index('appointments_person_idx').on(t.personHash, t.visitDate),
    index('appointments_schedule_idx').on(t.scheduleId),
    index('appointments_held_idx')
      .on(t.holdExpiresAt)
      .where(sql`${t.status} = 'held'`),
    index('appointments_payment_idx').on(t.paymentOrderId),
  ],
);

/** Every status change of an appointment: who, when, why. */
export const appointmentEvents = pgTable(
  'appointment_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    reason: text('reason').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('appointment_events_appointment_idx').on(t.appointmentId, t.id)],
);
