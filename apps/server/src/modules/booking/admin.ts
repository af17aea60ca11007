import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { AdminAppointment, AppointmentStatus, PaymentStatus } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { DomainError } from '../../http/errors';
import { maskPhone } from '../../lib/pii';
import { containsPattern } from '../../lib/sql';
import { departments, doctors } from '../directory/schema';
import { patients } from '../patients/schema';
import { paymentOrders } from '../payments/schema';
import { appointmentEvents, appointments, schedules } from './schema';

export interface AppointmentQuery {
  page?: number | undefined;
  pageSize?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: AppointmentStatus | undefined;
  departmentId?: string | undefined;
  doctorId?: string | undefined;
  q?: string | undefined;
}

function whereOf(query: AppointmentQuery): SQL | undefined {
  const where: SQL[] = [];
  // Visit dates are calendar dates already; compare them as such.
  if (query.from) where.push(sql`${appointments.visitDate} >= ${query.from}`);
  if (query.to) where.push(sql`${appointments.visitDate} <= ${query.to}`);
  if (query.status) where.push(eq(appointments.status, query.status));
  if (query.departmentId) where.push(eq(schedules.departmentId, query.departmentId));
  if (query.doctorId) where.push(eq(appointments.doctorId, query.doctorId));
  if (query.q) where.push(ilike(patients.name, containsPattern(query.q)));
  return and(...where);
}

function rows(deps: Deps, where: SQL | undefined) {
  return deps.db
    .select({
      a: appointments,
      patientName: patients.name,
      phoneEncrypted: patients.phoneEncrypted,
      doctorName: doctors.name,
      departmentName: departments.name,
      period: schedules.period,
      paymentStatus: paymentOrders.status,
      outTradeNo: paymentOrders.outTradeNo,
    })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(schedules, eq(schedules.id, appointments.scheduleId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .leftJoin(paymentOrders, eq(paymentOrders.id, appointments.paymentOrderId))
    .where(where);
}

type Row = Awaited<ReturnType<typeof rows>>[number];

function toAdmin(deps: Deps, r: Row): AdminAppointment {
  return {
    id: r.a.id,
    status: r.a.status as AppointmentStatus,
    patientName: r.patientName,
    patientPhoneMasked: maskPhone(deps.pii.decrypt(r.phoneEncrypted)),
    doctorName: r.doctorName,
    departmentName: r.departmentName,
    date: r.a.visitDate,
    period: r.period as AdminAppointment['period'],
    seq: r.a.seq,
    startsAt: r.a.startsAt.toISOString(),
    feeFen: r.a.feeFen,
    paymentStatus: (r.paymentStatus as PaymentStatus | null) ?? null,
    outTradeNo: r.outTradeNo ?? null,
    createdAt: r.a.createdAt.toISOString(),
  };
}

export async function adminAppointments(
  deps: Deps,
  query: AppointmentQuery,
): Promise<{ items: AdminAppointment[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = whereOf(query);
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(appointments)
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .innerJoin(schedules, eq(schedules.id, appointments.scheduleId))
    .where(where);
  const found = await rows(deps, where)
    .orderBy(desc(appointments.visitDate), asc(appointments.startsAt), asc(appointments.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: found.map((r) => toAdmin(deps, r)), total };
}

export async function appointmentsForExport(
  deps: Deps,
  query: AppointmentQuery,
): Promise<AdminAppointment[]> {
  const found = await rows(deps, whereOf(query))
    .orderBy(desc(appointments.visitDate), asc(appointments.startsAt), asc(appointments.seq))
    .limit(50_000);
  return found.map((r) => toAdmin(deps, r));
}

export async function adminAppointment(deps: Deps, id: string) {
  const [row] = await rows(deps, eq(appointments.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const events = await deps.db
    .select()
    .from(appointmentEvents)
    .where(eq(appointmentEvents.appointmentId, id))
    .orderBy(asc(appointmentEvents.id));
  return {
    ...toAdmin(deps, row),
    paymentOrderId: row.a.paymentOrderId,
    events: events.map((e) => ({
      from: e.fromStatus as AppointmentStatus | null,
      to: e.toStatus as AppointmentStatus,
      actorType: e.actorType,
      reason: e.reason,
      note: e.note,
      at: e.at.toISOString(),
    })),
  };
}
