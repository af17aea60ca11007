import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, Timestamp } from './common';

// Number sources (号源), appointments and their payment, as patients see them.

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const periods = ['morning', 'afternoon', 'evening'] as const;
export type Period = (typeof periods)[number];
export const PeriodSchema = Type.Union([
  Type.Literal('morning'),
  Type.Literal('afternoon'),
  Type.Literal('evening'),
]);

export const clinicTypes = ['general', 'specialist', 'premium'] as const;
export type ClinicType = (typeof clinicTypes)[number];
export const ClinicTypeSchema = Type.Union([
  Type.Literal('general'),
  Type.Literal('specialist'),
  Type.Literal('premium'),
]);

/** A schedule is open for booking, or stopped (停诊) by the hospital. */
export const ScheduleStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('stopped')]);

/**
 * Appointment lifecycle. `held`: a slot is reserved while the patient pays; `confirmed`: paid (or
 * free); `checked_in`: arrived (取号/报到); `expired`: the hold ran out unpaid; `cancelled`: by the
 * patient, an administrator or a stopped clinic; `no_show`: not checked in by the end of the period.
 */
export const appointmentStatuses = [
  'held',
  'confirmed',
  'checked_in',
  'expired',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const AppointmentStatusSchema = Type.Union([
  Type.Literal('held'),
  Type.Literal('confirmed'),
  Type.Literal('checked_in'),
  Type.Literal('expired'),
  Type.Literal('cancelled'),
  Type.Literal('no_show'),
]);

export const ScheduleSummary = Type.Object({
  id: Type.String(),
  doctor: Type.Object({ id: Type.String(), name: Type.String(), title: Type.String() }),
  departmentId: Type.String(),
  departmentName: Type.String(),
  date: LocalDate,
  period: PeriodSchema,
  clinicType: ClinicTypeSchema,
  feeFen: Type.Integer(),
  status: ScheduleStatusSchema,
  /** When the online pool opens for booking. */
  releaseAt: Timestamp,
  /** Online slots in total and still free now. The window pool is not shown. */
  onlineTotal: Type.Integer(),
  onlineAvailable: Type.Integer(),
  /** Open, released, not over, and with a free online slot. */
  bookable: Type.Boolean(),
});
export type ScheduleSummary = Static<typeof ScheduleSummary>;

export const Slot = Type.Object({
  id: Type.String(),
  /** Sequence number (就诊序号). */
  seq: Type.Integer(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  available: Type.Boolean(),
});
export type Slot = Static<typeof Slot>;

export const ScheduleDetail = Type.Object({
  ...ScheduleSummary.properties,
  departmentLocation: Nullable(Type.String()),
  slots: Type.Array(Slot),
});
export type ScheduleDetail = Static<typeof ScheduleDetail>;

/** The booking rules in force, shown to patients before they book. */
export const BookingRules = Type.Object({
  /** Days ahead that can be booked (7: today and the next 6 days, plus the day released today). */
  bookingDays: Type.Integer(),
  /** Local time (HH:mm) at which the day `bookingDays` ahead opens. */
  releaseTime: Type.String(),
  holdMinutes: Type.Integer(),
  /** Online cancellation closes this many hours before 0:00 of the visit day (0 = at 0:00). */
  cancelCutoffHours: Type.Integer(),
  maxPerPatientPerDay: Type.Integer(),
  maxPerPatientPerWeek: Type.Integer(),
});
export type BookingRules = Static<typeof BookingRules>;

export const ScheduleList = Type.Object({
  rules: BookingRules,
  items: Type.Array(ScheduleSummary),
});

export const ScheduleListQuery = Type.Object(
  {
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    doctorId: Type.Optional(Type.String({ format: 'uuid' })),
    date: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);

export const AppointmentEvent = Type.Object({
  from: Nullable(AppointmentStatusSchema),
  to: AppointmentStatusSchema,
  /** Who: `patient`, `staff`, `system` (jobs, payment notifications), `kiosk`. */
  actorType: Type.String(),
  /** Machine code of the cause, e.g. `paid`, `hold_expired`, `patient_cancelled`, `clinic_stopped`. */
  reason: Type.String(),
  note: Nullable(Type.String()),
  at: Timestamp,
});
export type AppointmentEvent = Static<typeof AppointmentEvent>;

export const PaymentStatusSchema = Type.Union([
  Type.Literal('created'),
  Type.Literal('paying'),
  Type.Literal('paid'),
  Type.Literal('partially_refunded'),
  Type.Literal('refunded'),
  Type.Literal('closed'),
]);
export type PaymentStatus = Static<typeof PaymentStatusSchema>;

export const RefundStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('processing'),
  Type.Literal('succeeded'),
  Type.Literal('abnormal'),
  Type.Literal('closed'),
]);
export type RefundStatus = Static<typeof RefundStatusSchema>;

export const AppointmentPayment = Type.Object({
  orderId: Type.String(),
  status: PaymentStatusSchema,
  amountFen: Type.Integer(),
  refundedFen: Type.Integer(),
  paidAt: Nullable(Timestamp),
  refunds: Type.Array(
    Type.Object({
      amountFen: Type.Integer(),
      status: RefundStatusSchema,
      createdAt: Timestamp,
      completedAt: Nullable(Timestamp),
    }),
  ),
});

export const Appointment = Type.Object({
  id: Type.String(),
  status: AppointmentStatusSchema,
  patient: Type.Object({ id: Type.String(), name: Type.String() }),
  doctor: Type.Object({ id: Type.String(), name: Type.String(), title: Type.String() }),
  departmentName: Type.String(),
  departmentLocation: Nullable(Type.String()),
  date: LocalDate,
  period: PeriodSchema,
  clinicType: ClinicTypeSchema,
  seq: Type.Integer(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  feeFen: Type.Integer(),
  /** While `held`: when the slot returns to the pool unless paid. */
  holdExpiresAt: Nullable(Timestamp),
  /** Until when the patient may cancel online; null once that is no longer possible. */
  cancellableUntil: Nullable(Timestamp),
  payment: Nullable(AppointmentPayment),
  checkedInAt: Nullable(Timestamp),
  createdAt: Timestamp,
  events: Type.Array(AppointmentEvent),
});
export type Appointment = Static<typeof Appointment>;

export const BookBody = Type.Object(
  {
    scheduleId: Type.String({ format: 'uuid' }),
    patientId: Type.String({ format: 'uuid' }),
    /** A chosen slot; without it the earliest free online slot is taken. */
    slotId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type BookBody = Static<typeof BookBody>;

/** What the page passes to `WeixinJSBridge.invoke('getBrandWCPayRequest', …)`. */
export const PayRequest = Type.Object({
  appId: Type.String(),
  timeStamp: Type.String(),
  nonceStr: Type.String(),
  package: Type.String(),
  signType: Type.Literal('RSA'),
  paySign: Type.String(),
});
export type PayRequest = Static<typeof PayRequest>;

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const CheckInBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 512 }) },
  { additionalProperties: false },
);

export const CheckInResult = Type.Object({
  patientName: Type.String(),
  /** Appointments checked in by this scan (today's, whose period has not ended). */
  checkedIn: Type.Array(
    Type.Object({
      appointmentId: Type.String(),
      doctorName: Type.String(),
      departmentName: Type.String(),
      departmentLocation: Nullable(Type.String()),
      seq: Type.Integer(),
      startsAt: Timestamp,
    }),
  ),
});
export type CheckInResult = Static<typeof CheckInResult>;

export const bookingRoutes = {
  schedules: defineRoute({
    method: 'GET',
    path: '/api/public/schedules',
    summary: 'Schedules of the bookable days with free online slots (public)',
    tag: 'booking',
    query: ScheduleListQuery,
    response: ScheduleList,
  }),
  schedule: defineRoute({
    method: 'GET',
    path: '/api/public/schedules/:id',
    summary: 'A schedule with its online slots (public)',
    tag: 'booking',
    params: IdParams,
    response: ScheduleDetail,
  }),
  book: defineRoute({
    method: 'POST',
    path: '/api/appointments',
    summary: 'Book a slot: held until paid, or confirmed at once when free',
    tag: 'booking',
    body: BookBody,
    response: Appointment,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/appointments',
    summary: "This WeChat user's appointments (我的预约)",
    tag: 'booking',
    query: Type.Object(
      { scope: Type.Optional(Type.Union([Type.Literal('upcoming'), Type.Literal('past')])) },
      { additionalProperties: false },
    ),
    response: Type.Array(Appointment),
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/appointments/:id',
    summary: 'One of this user’s appointments with its history',
    tag: 'booking',
    params: IdParams,
    response: Appointment,
  }),
  pay: defineRoute({
    method: 'POST',
    path: '/api/appointments/:id/pay',
    summary: 'Start (or resume) the WeChat Pay JSAPI payment of a held appointment',
    tag: 'booking',
    params: IdParams,
    response: PayRequest,
  }),
  sync: defineRoute({
    method: 'POST',
    path: '/api/appointments/:id/sync',
    summary: 'Ask WeChat Pay for the outcome (after returning from the pay sheet)',
    tag: 'booking',
    params: IdParams,
    response: Appointment,
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/appointments/:id/cancel',
    summary: 'Cancel before the cutoff; a paid fee is refunded automatically',
    tag: 'booking',
    params: IdParams,
    body: CancelBody,
    response: Appointment,
  }),
  checkIn: defineRoute({
    method: 'POST',
    path: '/api/check-in',
    summary: 'Check a patient in at the window by the QR code of the patient (取号/报到)',
    tag: 'booking',
    body: CheckInBody,
    response: CheckInResult,
  }),
  kioskCheckIn: defineRoute({
    method: 'POST',
    path: '/api/kiosk/check-in',
    summary: 'Check in at a self-service kiosk (Authorization: Bearer <kiosk key>)',
    tag: 'booking',
    body: CheckInBody,
    response: CheckInResult,
  }),
};
