import { asc, eq } from 'drizzle-orm';
import type { BookingRules, BookingSettings, SaveBookingSettingsBody } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { zonedInstant } from '../../lib/time';
import { recordAudit } from '../audit/service';
import { retimeWaiting, withdrawWaiting } from '../notifications/enqueue';
import { departments } from '../directory/schema';
import type { AppointmentRow } from './lifecycle';
import { bookingSettings, departmentBookingRatios } from './schema';

export type SettingsRow = typeof bookingSettings.$inferSelect;

/** The booking rules in force (the row exists from the migration on). */
export async function loadSettings(db: Executor): Promise<SettingsRow> {
  const [row] = await db.select().from(bookingSettings).where(eq(bookingSettings.id, 1));
  if (!row) throw new Error('booking_settings has no row; migrations are incomplete');
  return row;
}

export function rulesOf(row: SettingsRow): BookingRules {
  return {
    bookingDays: row.bookingDays,
    releaseTime: row.releaseTime,
    holdMinutes: row.holdMinutes,
    cancelCutoffHours: row.cancelCutoffHours,
    maxPerPatientPerDay: row.maxPerPatientPerDay,
    maxPerPatientPerWeek: row.maxPerPatientPerWeek,
  };
}

export async function bookingSettingsView(db: Executor): Promise<BookingSettings> {
  const row = await loadSettings(db);
  const ratios = await db
    .select({
      departmentId: departmentBookingRatios.departmentId,
      departmentName: departments.name,
      onlineRatioPercent: departmentBookingRatios.onlineRatioPercent,
    })
    .from(departmentBookingRatios)
    .innerJoin(departments, eq(departments.id, departmentBookingRatios.departmentId))
    .orderBy(asc(departments.sortOrder), asc(departments.name));
  return {
    ...rulesOf(row),
    defaultOnlineRatioPercent: row.defaultOnlineRatioPercent,
    noShowLimit: row.noShowLimit,
    noShowWindowDays: row.noShowWindowDays,
    noShowBanDays: row.noShowBanDays,
    visitReminderTime: row.visitReminderTime,
    departmentRatios: ratios,
  };
}

export async function saveBookingSettings(
  deps: Deps,
  meta: RequestMeta,
  body: SaveBookingSettingsBody,
): Promise<BookingSettings> {
  if (body.maxPerPatientPerWeek < body.maxPerPatientPerDay) {
    throw new DomainError('VALIDATION_FAILED', {
      field: 'maxPerPatientPerWeek',
      reason: 'must be at least maxPerPatientPerDay',
    });
  }
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ visitReminderTime: bookingSettings.visitReminderTime })
      .from(bookingSettings)
      .where(eq(bookingSettings.id, 1))
      .for('update');
    await tx
      .update(bookingSettings)
      .set({ ...body, updatedAt: deps.clock.now() })
      .where(eq(bookingSettings.id, 1));
    // Reminders already queued follow a new time, or go when reminders are turned off.
    let remindersChanged = 0;
    if (before?.visitReminderTime !== body.visitReminderTime) {
      remindersChanged = body.visitReminderTime
        ? await retimeWaiting(
            tx,
            deps.clock,
            'appointment_reminder',
            body.visitReminderTime,
            deps.config.timeZone,
          )
        : await withdrawWaiting(tx, deps.clock, 'appointment_reminder');
    }
    await recordAudit(tx, meta, {
      action: 'booking.settings.save',
      result: 'success',
      details: { ...body, remindersChanged },
    });
  });
  return bookingSettingsView(deps.db);
}

export async function setDepartmentRatio(
  deps: Deps,
  meta: RequestMeta,
  departmentId: string,
  percent: number | null,
): Promise<BookingSettings> {
  const [department] = await deps.db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, departmentId));
  if (!department) throw new DomainError('NOT_FOUND');
  await deps.db.transaction(async (tx) => {
    if (percent === null) {
      await tx
        .delete(departmentBookingRatios)
        .where(eq(departmentBookingRatios.departmentId, departmentId));
    } else {
      await tx
        .insert(departmentBookingRatios)
        .values({ departmentId, onlineRatioPercent: percent })
        .onConflictDoUpdate({
          target: departmentBookingRatios.departmentId,
          set: { onlineRatioPercent: percent },
        });
    }
    await recordAudit(tx, meta, {
      action: 'booking.department_ratio.save',
      result: 'success',
      objectType: 'department',
      objectId: departmentId,
      details: { onlineRatioPercent: percent },
    });
  });
  return bookingSettingsView(deps.db);
}

/** The online cancellation deadline: 0:00 of the visit day, less the configured hours. */
export function cancelDeadline(
  appointment: AppointmentRow,
  settings: SettingsRow,
  timeZone: string,
): Date {
  const midnight = zonedInstant(appointment.visitDate, '00:00', timeZone);
  return new Date(midnight.getTime() - settings.cancelCutoffHours * 3_600_000);
}
