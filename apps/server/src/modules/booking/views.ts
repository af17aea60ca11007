import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Appointment, AppointmentStatus } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { departments, doctors } from '../directory/schema';
import { patients } from '../patients/schema';
import { refundsOf, type PaymentOrder } from '../payments/service';
import { paymentOrders } from '../payments/schema';
import { appointmentEvents, appointments, schedules } from './schema';
import { cancelDeadline, loadSettings } from './settings';

// Appointments as patients and staff read them: with doctor, department, payment, refunds,
// the cancellation deadline and every event.

export async function viewRows(db: Executor, where: ReturnType<typeof and>, order: 'asc' | 'desc') {
  return db
    .select({
      a: appointments,
      patientName: patients.name,
      doctorName: doctors.name,
      doctorTitle: doctors.title,
      departmentName: departments.name,
      departmentLocation: departments.location,
      period: schedules.period,
      clinicType: schedules.clinicType,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(schedules, eq(schedules.id, appointments.scheduleId))
    .innerJoin(doctors, eq(doctors.id, schedules.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .where(where)
    .orderBy(order === 'asc' ? asc(appointments.startsAt) : desc(appointments.startsAt))
    .limit(200);
}

type ViewRow = Awaited<ReturnType<typeof viewRows>>[number];

export async function toViews(deps: Deps, rows: ViewRow[]): Promise<Appointment[]> {
  const ids = rows.map((r) => r.a.id);
  const orderIds = rows.flatMap((r) => (r.a.paymentOrderId ? [r.a.paymentOrderId] : []));
  const [events, orders, refunds, settings] = await Promise.all([
    ids.length
      ? deps.db
          .select()
          .from(appointmentEvents)
          .where(inArray(appointmentEvents.appointmentId, ids))
          .orderBy(asc(appointmentEvents.id))
      : [],
    orderIds.length
      ? deps.db.select().from(paymentOrders).where(inArray(paymentOrders.id, orderIds))
      : [],
    refundsOf(deps.db, orderIds),
    loadSettings(deps.db),
  ]);
  const now = deps.clock.now();
  return rows.map((r): Appointment => {
    const a = r.a;
    const order = orders.find((o: PaymentOrder) => o.id === a.paymentOrderId);
    const deadline =
      a.status === 'held'
        ? a.holdExpiresAt
        : a.status === 'confirmed'
          ? cancelDeadline(a, settings, deps.config.timeZone)
          : null;
    return {
      id: a.id,
      status: a.status as AppointmentStatus,
      patient: { id: a.patientId, name: r.patientName },
      doctor: { id: a.doctorId, name: r.doctorName, title: r.doctorTitle },
      departmentName: r.departmentName,
      departmentLocation: r.departmentLocation,
      date: a.visitDate,
      period: r.period as Appointment['period'],
      clinicType: r.clinicType as Appointment['clinicType'],
      seq: a.seq,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      feeFen: a.feeFen,
      holdExpiresAt: a.status === 'held' ? (a.holdExpiresAt?.toISOString() ?? null) : null,
      cancellableUntil: deadline && deadline > now ? deadline.toISOString() : null,
      payment: order
        ? {
            orderId: order.id,
            status: order.status as NonNullable<Appointment['payment']>['status'],
            amountFen: order.amountFen,
            refundedFen: order.refundedFen,
            paidAt: order.paidAt?.toISOString() ?? null,
            refunds: refunds
              .filter((f) => f.orderId === order.id)
              .map((f) => ({
                amountFen: f.amountFen,
                status: f.status as NonNullable<
                  Appointment['payment']
                >['refunds'][number]['status'],
                createdAt: f.createdAt.toISOString(),
                completedAt: f.completedAt?.toISOString() ?? null,
              })),
          }
        : null,
      checkedInAt: a.checkedInAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      events: events
        .filter((e) => e.appointmentId === a.id)
        .map((e) => ({
          from: e.fromStatus as AppointmentStatus | null,
          to: e.toStatus as AppointmentStatus,
          actorType: e.actorType,
          reason: e.reason,
          note: e.note,
          at: e.at.toISOString(),
        })),
    };
  });
}

export async function appointmentView(deps: Deps, id: string): Promise<Appointment> {
  const rows = await viewRows(deps.db, and(eq(appointments.id, id)), 'asc');
  if (rows.length === 0) throw new DomainError('NOT_FOUND');
  return (await toViews(deps, rows))[0]!;
}
