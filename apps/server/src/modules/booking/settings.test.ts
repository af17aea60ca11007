import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Appointment } from '@zhangyi/contracts';
import { bookingSuite } from '../../test/booking-suite';
import { openClinic } from '../../test/booking';
import { addDays } from '../../lib/time';
import { auditLog } from '../audit/schema';
import { bookingSettings } from './schema';

// The booking settings, and the visit reminders whose time is one of them.
const kit = bookingSuite();
const { inject, newPatient, bookAs, noticesFor } = kit;

describe('visit reminders', () => {
  it('are queued at confirmation for 18:00 the evening before, and withdrawn by a cancellation', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 3 });
    const p = await newPatient();
    const booked = await bookAs(p, clinic.scheduleId);
    expect(booked.statusCode).toBe(200);
    const appointment = booked.json() as Appointment;
    const [reminder] = await noticesFor(`appointment_reminder:${appointment.id}`);
    expect(reminder).toMatchObject({
      kind: 'appointment_reminder',
      status: 'pending',
      recipientOpenid: p.openid,
    });
    expect(reminder!.nextAttemptAt.toISOString()).toBe(
      new Date(`${addDays(clinic.date, -1)}T18:00:00+08:00`).toISOString(),
    );
    expect(reminder!.data).toMatchObject({
      department: appointment.departmentName,
      doctor: appointment.doctor.name,
      visitTime: expect.stringMatching(new RegExp(`^${clinic.date} 上午 \\d{2}:\\d{2}$`)),
    });
    expect(JSON.stringify(reminder!.data)).not.toContain(p.openid);

    const cancelled = await inject({
      method: 'POST',
      url: `/api/appointments/${appointment.id}/cancel`,
      headers: p.headers,
      payload: { reason: '临时有事' },
    });
    expect(cancelled.statusCode).toBe(200);
    const [withdrawn] = await noticesFor(`appointment_reminder:${appointment.id}`);
    expect(withdrawn!.status).toBe('skipped');
  });

  it('follow the configured time, and are not queued when the time is cleared', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 3 });
    try {
      await kit.env.server.deps.db.update(bookingSettings).set({ visitReminderTime: '20:15' });
      const early = await bookAs(await newPatient(), clinic.scheduleId);
      const [reminder] = await noticesFor(`appointment_reminder:${early.json().id}`);
      expect(reminder!.nextAttemptAt.toISOString()).toBe(
        new Date(`${addDays(clinic.date, -1)}T20:15:00+08:00`).toISOString(),
      );
      await kit.env.server.deps.db.update(bookingSettings).set({ visitReminderTime: null });
      const late = await bookAs(await newPatient(), clinic.scheduleId);
      expect(late.statusCode).toBe(200);
      expect(await noticesFor(`appointment_booked:${late.json().id}`)).toHaveLength(1);
      expect(await noticesFor(`appointment_reminder:${late.json().id}`)).toHaveLength(0);
    } finally {
      await kit.env.server.deps.db.update(bookingSettings).set({ visitReminderTime: '18:00' });
    }
  });

  it('are not queued for a visit booked after the evening before', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 1 });
    // Book at 19:00 (local) the evening before, when the reminder's time has passed.
    const evening = new Date(`${addDays(clinic.date, -1)}T19:00:00+08:00`).getTime();
    const ahead = Math.max(0, evening - kit.env.server.clock.now().getTime());
    kit.env.server.clock.advance(ahead);
    try {
      const p = await newPatient();
      const booked = await bookAs(p, clinic.scheduleId);
      expect(booked.statusCode).toBe(200);
      expect(await noticesFor(`appointment_booked:${booked.json().id}`)).toHaveLength(1);
      expect(await noticesFor(`appointment_reminder:${booked.json().id}`)).toHaveLength(0);
    } finally {
      kit.env.server.clock.advance(-ahead);
    }
  });
});

describe('booking settings', () => {
  const settingsUrl = '/api/admin/booking/settings';
  const saveSettings = (payload: Record<string, unknown>) =>
    inject({ method: 'PUT', url: settingsUrl, headers: kit.admin.headers, payload });

  it('are saved whole by an administrator, with an audit record, and refused when inconsistent', async () => {
    const before = (
      await inject({ method: 'GET', url: settingsUrl, headers: kit.admin.headers })
    ).json();
    const { departmentRatios: _ratios, ...body } = before;
    try {
      const saved = await saveSettings({ ...body, holdMinutes: 12, visitReminderTime: '19:30' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ holdMinutes: 12, visitReminderTime: '19:30' });
      const [audit] = await kit.env.server.deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'booking.settings.save'));
      expect(audit!.details).toMatchObject({ holdMinutes: 12, visitReminderTime: '19:30' });

      for (const [change, field] of [
        [{ maxPerPatientPerDay: 3, maxPerPatientPerWeek: 2 }, 'maxPerPatientPerWeek'],
        [{ visitReminderTime: '7:30' }, 'visitReminderTime'],
        [{ visitReminderTime: '24:00' }, 'visitReminderTime'],
      ] as const) {
        const refused = await saveSettings({ ...body, ...change });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error.code).toBe('VALIDATION_FAILED');
        expect(JSON.stringify(refused.json().error.details)).toContain(field);
      }
      const after = await inject({ method: 'GET', url: settingsUrl, headers: kit.admin.headers });
      expect(after.json()).toMatchObject({ holdMinutes: 12, visitReminderTime: '19:30' });
    } finally {
      await saveSettings(body);
    }
  });

  it('move the reminders already queued to a new time, and withdraw them when cleared', async () => {
    const before = (
      await inject({ method: 'GET', url: settingsUrl, headers: kit.admin.headers })
    ).json();
    const { departmentRatios: _ratios, ...body } = before;
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 4 });
    const booked = await bookAs(await newPatient(), clinic.scheduleId);
    const key = `appointment_reminder:${booked.json().id}`;
    const eve = addDays(clinic.date, -1);
    try {
      expect((await saveSettings({ ...body, visitReminderTime: '19:45' })).statusCode).toBe(200);
      const [moved] = await noticesFor(key);
      expect(moved!.status).toBe('pending');
      expect(moved!.nextAttemptAt.toISOString()).toBe(
        new Date(`${eve}T19:45:00+08:00`).toISOString(),
      );
      const audits = await kit.env.server.deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'booking.settings.save'));
      const audit = audits
        .map((a) => a.details as { visitReminderTime: string; remindersChanged: number })
        .find((d) => d.visitReminderTime === '19:45');
      expect(audit!.remindersChanged).toBeGreaterThan(0);

      // Saving other rules leaves the reminders where they are.
      await saveSettings({ ...body, visitReminderTime: '19:45', holdMinutes: 11 });
      expect((await noticesFor(key))[0]!.nextAttemptAt.toISOString()).toBe(
        moved!.nextAttemptAt.toISOString(),
      );

      await saveSettings({ ...body, visitReminderTime: null });
      const [withdrawn] = await noticesFor(key);
      expect(withdrawn).toMatchObject({ status: 'skipped', lastError: 'superseded' });
    } finally {
      await saveSettings(body);
    }
  });
});
