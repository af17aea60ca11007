import {
  bookingAdminRoutes as routes,
  type AdminSchedule,
  type BookingSettings,
  type CreateScheduleTemplateBody,
  type RouteQuery,
  type RouteResponse,
  type SaveBookingSettingsBody,
  type ScheduleTemplate,
  type UpdateScheduleTemplateBody,
} from '@zhangyi/contracts';
import { call } from './client';
import { downloadExport } from './download';

export type TemplateQuery = RouteQuery<typeof routes.templates>;
export type ScheduleQuery = RouteQuery<typeof routes.schedules>;
export type SchedulePage = RouteResponse<typeof routes.schedules>;
export type AppointmentQuery = RouteQuery<typeof routes.appointments>;
export type AppointmentPage = RouteResponse<typeof routes.appointments>;
export type AppointmentDetail = RouteResponse<typeof routes.appointment>;
/** The filters of an export: the list's, without paging. */
export type AppointmentFilters = Omit<AppointmentQuery, 'page' | 'pageSize'>;

/** The booking rules, the hospital's default online ratio and the departments' own ratios. */
export function fetchBookingSettings(): Promise<BookingSettings> {
  return call(routes.settings);
}

export function saveBookingSettings(body: SaveBookingSettingsBody): Promise<BookingSettings> {
  return call(routes.saveSettings, { body });
}

/** Sets a department's online ratio, or clears it with null (the hospital's default applies). */
export function setDepartmentRatio(
  departmentId: string,
  onlineRatioPercent: number | null,
): Promise<BookingSettings> {
  return call(routes.setDepartmentRatio, {
    params: { id: departmentId },
    body: { onlineRatioPercent },
  });
}

/** The weekly clinics, optionally of one department or doctor. */
export function listTemplates(query: TemplateQuery): Promise<ScheduleTemplate[]> {
  return call(routes.templates, { query });
}

/** Refused with TEMPLATE_CONFLICT when the doctor already sits that weekday and period. */
export function createTemplate(body: CreateScheduleTemplateBody): Promise<ScheduleTemplate> {
  return call(routes.createTemplate, { body });
}

/** Schedules already made from the template keep their values. */
export function updateTemplate(
  id: string,
  body: UpdateScheduleTemplateBody,
): Promise<ScheduleTemplate> {
  return call(routes.updateTemplate, { params: { id }, body });
}

export function deleteTemplate(id: string): Promise<void> {
  return call(routes.deleteTemplate, { params: { id } }) as Promise<void>;
}

/** Makes the schedules of the bookable days from the templates now; answers how many are new. */
export async function generateSchedules(): Promise<number> {
  return (await call(routes.generate)).created;
}

/** One page of schedules with their slot counts. */
export function listSchedules(query: ScheduleQuery): Promise<SchedulePage> {
  return call(routes.schedules, { query });
}

/** A schedule, with the progress of its stop when stopped. */
export function fetchSchedule(id: string): Promise<AdminSchedule> {
  return call(routes.schedule, { params: { id } });
}

/** Changes the online share of a schedule; free slots move between the online and window pools. */
export function setScheduleRatio(id: string, onlineRatioPercent: number): Promise<AdminSchedule> {
  return call(routes.updateSchedule, { params: { id }, body: { onlineRatioPercent } });
}

/** Stops a clinic (停诊): every booked patient is cancelled, refunded and notified. */
export function stopSchedule(id: string, reason: string): Promise<AdminSchedule> {
  return call(routes.stop, { params: { id }, body: { reason } });
}

/** One page of appointments. */
export function listAppointments(query: AppointmentQuery): Promise<AppointmentPage> {
  return call(routes.appointments, { query });
}

/** An appointment with every change of its status. */
export function fetchAppointment(id: string): Promise<AppointmentDetail> {
  return call(routes.appointment, { params: { id } });
}

/** Saves the appointments matching the filters as an .xlsx workbook. */
export function exportAppointments(filters: AppointmentFilters): Promise<void> {
  return downloadExport(routes.exportAppointments.path, filters, 'appointments.xlsx');
}
