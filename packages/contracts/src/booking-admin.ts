import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, PageQuery, Timestamp } from './common';
import {
  AppointmentEvent,
  AppointmentStatusSchema,
  BookingRules,
  ClinicTypeSchema,
  PaymentStatusSchema,
  PeriodSchema,
  RefundStatusSchema,
  ScheduleStatusSchema,
} from './booking';

// The administrator's side of booking: weekly templates, schedules, stop-clinic, settings,
// appointment, payment and refund lists, manual refunds and daily reconciliation.

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const ClockTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:mm' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Percent = Type.Integer({ minimum: 0, maximum: 100 });

export const BookingSettings = Type.Object({
  ...BookingRules.properties,
  /** Share of each schedule's slots bookable online when neither department nor schedule says. */
  defaultOnlineRatioPercent: Percent,
  /** No-shows within `noShowWindowDays` that bar a patient from booking online … */
  noShowLimit: Type.Integer(),
  noShowWindowDays: Type.Integer(),
  /** … for this many days after the last of them. */
  noShowBanDays: Type.Integer(),
  /** Local HH:mm the evening before a visit at which the 就诊提醒 goes out; null sends none. */
  visitReminderTime: Nullable(Type.String()),
  departmentRatios: Type.Array(
    Type.Object({
      departmentId: Type.String(),
      departmentName: Type.String(),
      onlineRatioPercent: Percent,
    }),
  ),
});
export type BookingSettings = Static<typeof BookingSettings>;

export const SaveBookingSettingsBody = Type.Object(
  {
    bookingDays: Type.Integer({ minimum: 1, maximum: 30 }),
    releaseTime: ClockTime,
    holdMinutes: Type.Integer({ minimum: 1, maximum: 60 }),
    cancelCutoffHours: Type.Integer({ minimum: 0, maximum: 72 }),
    maxPerPatientPerDay: Type.Integer({ minimum: 1, maximum: 20 }),
    maxPerPatientPerWeek: Type.Integer({ minimum: 1, maximum: 50 }),
    defaultOnlineRatioPercent: Percent,
    noShowLimit: Type.Integer({ minimum: 1, maximum: 20 }),
    noShowWindowDays: Type.Integer({ minimum: 1, maximum: 365 }),
    noShowBanDays: Type.Integer({ minimum: 0, maximum: 365 }),
    visitReminderTime: Nullable(ClockTime),
  },
  { additionalProperties: false },
);
export type SaveBookingSettingsBody = Static<typeof SaveBookingSettingsBody>;

export const DepartmentRatioBody = Type.Object(
  { onlineRatioPercent: Nullable(Percent) },
  { additionalProperties: false },
);

export const ScheduleTemplate = Type.Object({
  id: Type.String(),
  doctorId: Type.String(),
  doctorName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  /** 1 = Monday … 7 = Sunday. */
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  period: PeriodSchema,
  clinicType: ClinicTypeSchema,
  feeFen: Type.Integer(),
  slotCount: Type.Integer(),
  startTime: ClockTime,
  endTime: ClockTime,
  /** Null: the department's or the hospital's ratio applies. */
  onlineRatioPercent: Nullable(Percent),
  active: Type.Boolean(),
});
export type ScheduleTemplate = Static<typeof ScheduleTemplate>;

const TemplateFields = {
  doctorId: Type.String({ format: 'uuid' }),
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  period: PeriodSchema,
  clinicType: ClinicTypeSchema,
  feeFen: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  slotCount: Type.Integer({ minimum: 1, maximum: 200 }),
  startTime: ClockTime,
  endTime: ClockTime,
  onlineRatioPercent: Nullable(Percent),
  active: Type.Boolean(),
};

export const CreateScheduleTemplateBody = Type.Object(TemplateFields, {
  additionalProperties: false,
});
export type CreateScheduleTemplateBody = Static<typeof CreateScheduleTemplateBody>;
export const UpdateScheduleTemplateBody = Type.Partial(Type.Object(TemplateFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateScheduleTemplateBody = Static<typeof UpdateScheduleTemplateBody>;

export const StopProgress = Type.Object({
  /** Appointments the stop cancelled. */
  cancelled: Type.Integer(),
  refunds: Type.Object({
    pending: Type.Integer(),
    succeeded: Type.Integer(),
    failed: Type.Integer(),
  }),
  notices: Type.Object({ queued: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() }),
  /** Every refund has ended and every notice has left the outbox. */
  done: Type.Boolean(),
});
export type StopProgress = Static<typeof StopProgress>;

export const AdminSchedule = Type.Object({
  id: Type.String(),
  doctorId: Type.String(),
  doctorName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  date: LocalDate,
  period: PeriodSchema,
  clinicType: ClinicTypeSchema,
  feeFen: Type.Integer(),
  status: ScheduleStatusSchema,
  onlineRatioPercent: Percent,
  releaseAt: Timestamp,
  slotCount: Type.Integer(),
  onlineCount: Type.Integer(),
  /** Slots held (paying) and booked (confirmed or checked in). */
  held: Type.Integer(),
  booked: Type.Integer(),
  onlineAvailable: Type.Integer(),
  stopReason: Nullable(Type.String()),
  stoppedAt: Nullable(Timestamp),
  stopProgress: Nullable(StopProgress),
});
export type AdminSchedule = Static<typeof AdminSchedule>;

export const AdminAppointment = Type.Object({
  id: Type.String(),
  status: AppointmentStatusSchema,
  patientName: Type.String(),
  patientPhoneMasked: Type.String(),
  doctorName: Type.String(),
  departmentName: Type.String(),
  date: LocalDate,
  period: PeriodSchema,
  seq: Type.Integer(),
  startsAt: Timestamp,
  feeFen: Type.Integer(),
  paymentStatus: Nullable(PaymentStatusSchema),
  outTradeNo: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type AdminAppointment = Static<typeof AdminAppointment>;

export const AdminAppointmentDetail = Type.Object({
  ...AdminAppointment.properties,
  paymentOrderId: Nullable(Type.String()),
  events: Type.Array(AppointmentEvent),
});

export const AdminRefund = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  outTradeNo: Type.String(),
  outRefundNo: Type.String(),
  amountFen: Type.Integer(),
  status: RefundStatusSchema,
  reason: Type.String(),
  /** Who asked: `patient`, `system`, or the staff member's name. */
  requestedBy: Type.String(),
  createdAt: Timestamp,
  completedAt: Nullable(Timestamp),
});
export type AdminRefund = Static<typeof AdminRefund>;

export const AdminPayment = Type.Object({
  id: Type.String(),
  outTradeNo: Type.String(),
  transactionId: Nullable(Type.String()),
  /** What was paid for, e.g. `appointment`. */
  purpose: Type.String(),
  description: Type.String(),
  amountFen: Type.Integer(),
  refundedFen: Type.Integer(),
  /** What a new refund may still take: paid, less refunds succeeded or under way. */
  refundableFen: Type.Integer(),
  status: PaymentStatusSchema,
  payerName: Nullable(Type.String()),
  createdAt: Timestamp,
  paidAt: Nullable(Timestamp),
});
export type AdminPayment = Static<typeof AdminPayment>;

export const AdminPaymentDetail = Type.Object({
  ...AdminPayment.properties,
  refunds: Type.Array(AdminRefund),
  /** Every applied notification, query result and state change of the order. */
  events: Type.Array(Type.Object({ kind: Type.String(), detail: Type.String(), at: Timestamp })),
});

export const ManualRefundBody = Type.Object(
  {
    amountFen: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 2, maxLength: 80 }),
  },
  { additionalProperties: false },
);

const Mismatch = Type.Object({
  outTradeNo: Type.String(),
  /** `missing_here`: WeChat Pay has it, we do not; `missing_there`: the reverse; `amount`, `status`. */
  kind: Type.Union([
    Type.Literal('missing_here'),
    Type.Literal('missing_there'),
    Type.Literal('amount'),
    Type.Literal('status'),
  ]),
  ours: Type.String(),
  theirs: Type.String(),
});

export const Reconciliation = Type.Object({
  date: LocalDate,
  status: Type.Union([
    Type.Literal('balanced'),
    Type.Literal('mismatched'),
    Type.Literal('failed'),
  ]),
  ourPaidCount: Type.Integer(),
  ourPaidFen: Type.Integer(),
  ourRefundedFen: Type.Integer(),
  theirPaidCount: Type.Integer(),
  theirPaidFen: Type.Integer(),
  theirRefundedFen: Type.Integer(),
  mismatches: Type.Array(Mismatch),
  /** Why it could not be made, when `failed`. */
  error: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type Reconciliation = Static<typeof Reconciliation>;

const DateRange = {
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
};

export const AdminAppointmentQuery = Type.Object(
  {
    ...PageQuery,
    ...DateRange,
    status: Type.Optional(AppointmentStatusSchema),
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    doctorId: Type.Optional(Type.String({ format: 'uuid' })),
    /** Patient name, contains. */
    q: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const AdminPaymentQuery = Type.Object(
  {
    ...PageQuery,
    ...DateRange,
    status: Type.Optional(PaymentStatusSchema),
    /** Our or WeChat Pay's order number, exact. */
    q: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const AdminRefundQuery = Type.Object(
  { ...PageQuery, ...DateRange, status: Type.Optional(RefundStatusSchema) },
  { additionalProperties: false },
);

export const AdminScheduleQuery = Type.Object(
  {
    ...PageQuery,
    ...DateRange,
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    doctorId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(ScheduleStatusSchema),
  },
  { additionalProperties: false },
);

const exportQuery = (q: ReturnType<typeof Type.Object>) =>
  Type.Omit(q, ['page', 'pageSize'], { additionalProperties: false });

const DateParams = Type.Object({ date: LocalDate }, { additionalProperties: false });

export const bookingAdminRoutes = {
  settings: defineRoute({
    method: 'GET',
    path: '/api/admin/booking/settings',
    summary: 'Booking rules, release time and online ratios',
    tag: 'booking-admin',
    response: BookingSettings,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: '/api/admin/booking/settings',
    summary: 'Change the booking rules',
    tag: 'booking-admin',
    body: SaveBookingSettingsBody,
    response: BookingSettings,
  }),
  setDepartmentRatio: defineRoute({
    method: 'PUT',
    path: '/api/admin/booking/departments/:id/ratio',
    summary: "Set (or clear with null) a department's online ratio",
    tag: 'booking-admin',
    params: IdParams,
    body: DepartmentRatioBody,
    response: BookingSettings,
  }),
  templates: defineRoute({
    method: 'GET',
    path: '/api/admin/schedule-templates',
    summary: 'Weekly clinic templates',
    tag: 'booking-admin',
    query: Type.Object(
      {
        departmentId: Type.Optional(Type.String({ format: 'uuid' })),
        doctorId: Type.Optional(Type.String({ format: 'uuid' })),
      },
      { additionalProperties: false },
    ),
    response: Type.Array(ScheduleTemplate),
  }),
  createTemplate: defineRoute({
    method: 'POST',
    path: '/api/admin/schedule-templates',
    summary: 'Add a weekly clinic',
    tag: 'booking-admin',
    body: CreateScheduleTemplateBody,
    response: ScheduleTemplate,
  }),
  updateTemplate: defineRoute({
    method: 'PATCH',
    path: '/api/admin/schedule-templates/:id',
    summary: 'Change a weekly clinic (schedules already made keep their values)',
    tag: 'booking-admin',
    params: IdParams,
    body: UpdateScheduleTemplateBody,
    response: ScheduleTemplate,
  }),
  deleteTemplate: defineRoute({
    method: 'DELETE',
    path: '/api/admin/schedule-templates/:id',
    summary: 'Remove a weekly clinic',
    tag: 'booking-admin',
    params: IdParams,
  }),
  generate: defineRoute({
    method: 'POST',
    path: '/api/admin/schedules/generate',
    summary: 'Make the schedules and slots of the bookable days from the templates now',
    tag: 'booking-admin',
    response: Type.Object({ created: Type.Integer() }),
  }),
  schedules: defineRoute({
    method: 'GET',
    path: '/api/admin/schedules',
    summary: 'Schedules with their slot counts',
    tag: 'booking-admin',
    query: AdminScheduleQuery,
    response: Type.Object({ items: Type.Array(AdminSchedule), total: Type.Integer() }),
  }),
  schedule: defineRoute({
    method: 'GET',
    path: '/api/admin/schedules/:id',
    summary: 'A schedule, with the progress of its stop when stopped',
    tag: 'booking-admin',
    params: IdParams,
    response: AdminSchedule,
  }),
  updateSchedule: defineRoute({
    method: 'PATCH',
    path: '/api/admin/schedules/:id',
    summary: "Change a schedule's online ratio (free slots move between pools)",
    tag: 'booking-admin',
    params: IdParams,
    body: Type.Object({ onlineRatioPercent: Percent }, { additionalProperties: false }),
    response: AdminSchedule,
  }),
  stop: defineRoute({
    method: 'POST',
    path: '/api/admin/schedules/:id/stop',
    summary: 'Stop a clinic (停诊): cancel, refund and notify every booked patient',
    tag: 'booking-admin',
    params: IdParams,
    body: Type.Object(
      { reason: Type.String({ minLength: 2, maxLength: 80 }) },
      { additionalProperties: false },
    ),
    response: AdminSchedule,
  }),
  appointments: defineRoute({
    method: 'GET',
    path: '/api/admin/appointments',
    summary: 'Appointments',
    tag: 'booking-admin',
    query: AdminAppointmentQuery,
    response: Type.Object({ items: Type.Array(AdminAppointment), total: Type.Integer() }),
  }),
  exportAppointments: defineRoute({
    method: 'GET',
    path: '/api/admin/appointments/export.xlsx',
    summary: 'Appointments as an Excel workbook (same filters)',
    tag: 'booking-admin',
    query: exportQuery(AdminAppointmentQuery),
  }),
  appointment: defineRoute({
    method: 'GET',
    path: '/api/admin/appointments/:id',
    summary: 'An appointment with its history',
    tag: 'booking-admin',
    params: IdParams,
    response: AdminAppointmentDetail,
  }),
  payments: defineRoute({
    method: 'GET',
    path: '/api/admin/payments',
    summary: 'Payment orders',
    tag: 'booking-admin',
    query: AdminPaymentQuery,
    response: Type.Object({ items: Type.Array(AdminPayment), total: Type.Integer() }),
  }),
  exportPayments: defineRoute({
    method: 'GET',
    path: '/api/admin/payments/export.xlsx',
    summary: 'Payment orders as an Excel workbook (same filters)',
    tag: 'booking-admin',
    query: exportQuery(AdminPaymentQuery),
  }),
  payment: defineRoute({
    method: 'GET',
    path: '/api/admin/payments/:id',
    summary: 'A payment order with its refunds and history',
    tag: 'booking-admin',
    params: IdParams,
    response: AdminPaymentDetail,
  }),
  refund: defineRoute({
    method: 'POST',
    path: '/api/admin/payments/:id/refunds',
    summary: 'Refund part or all of a paid order, with a reason (audited)',
    tag: 'booking-admin',
    params: IdParams,
    body: ManualRefundBody,
    response: AdminPaymentDetail,
  }),
  refunds: defineRoute({
    method: 'GET',
    path: '/api/admin/refunds',
    summary: 'Refunds',
    tag: 'booking-admin',
    query: AdminRefundQuery,
    response: Type.Object({ items: Type.Array(AdminRefund), total: Type.Integer() }),
  }),
  exportRefunds: defineRoute({
    method: 'GET',
    path: '/api/admin/refunds/export.xlsx',
    summary: 'Refunds as an Excel workbook (same filters)',
    tag: 'booking-admin',
    query: exportQuery(AdminRefundQuery),
  }),
  reconciliations: defineRoute({
    method: 'GET',
    path: '/api/admin/reconciliations',
    summary: 'Daily reconciliation reports, newest first',
    tag: 'booking-admin',
    query: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    response: Type.Object({ items: Type.Array(Reconciliation), total: Type.Integer() }),
  }),
  reconcile: defineRoute({
    method: 'POST',
    path: '/api/admin/reconciliations/:date',
    summary: "Reconcile a day's orders against WeChat Pay's bill now",
    tag: 'booking-admin',
    params: DateParams,
    response: Reconciliation,
  }),
};
