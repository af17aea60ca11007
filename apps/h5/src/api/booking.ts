import {
  bookingRoutes,
  type Appointment,
  type BookBody,
  type BookingRules,
  type PayRequest,
  type ScheduleDetail,
  type ScheduleSummary,
} from '@zhangyi/contracts';
import { call } from './client';

/** Which schedules to list: a department's or a doctor's, optionally of one visit date. */
export interface ScheduleFilter {
  departmentId?: string;
  doctorId?: string;
  /** `YYYY-MM-DD` in the hospital's time zone. */
  date?: string;
}

/** The schedules of the bookable days and the booking rules in force (public). */
export function fetchSchedules(
  filter: ScheduleFilter,
): Promise<{ rules: BookingRules; items: ScheduleSummary[] }> {
  return call(bookingRoutes.schedules, { query: filter });
}

/** One schedule with its online slots (public). */
export function fetchSchedule(id: string): Promise<ScheduleDetail> {
  return call(bookingRoutes.schedule, { params: { id } });
}

/** Books a slot (the earliest free one without `slotId`): held until paid, or confirmed when free. */
export function bookAppointment(body: BookBody): Promise<Appointment> {
  return call(bookingRoutes.book, { body });
}

/** This WeChat user's appointments: still to come, or past ones. */
export function fetchAppointments(scope: 'upcoming' | 'past'): Promise<Appointment[]> {
  return call(bookingRoutes.list, { query: { scope } });
}

/** One of this user's appointments with its payment and history. */
export function fetchAppointment(id: string): Promise<Appointment> {
  return call(bookingRoutes.get, { params: { id } });
}

/** Starts (or resumes) the WeChat Pay payment of a held appointment. */
export function payAppointment(id: string): Promise<PayRequest> {
  return call(bookingRoutes.pay, { params: { id } });
}

/** Asks the server to ask WeChat Pay for the outcome, after the pay sheet has closed. */
export function syncAppointment(id: string): Promise<Appointment> {
  return call(bookingRoutes.sync, { params: { id } });
}

/** Cancels before the cutoff; a paid fee is refunded automatically. */
export function cancelAppointment(id: string): Promise<Appointment> {
  return call(bookingRoutes.cancel, { params: { id }, body: {} });
}
