import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Appointment } from '@zhangyi/contracts';
import { bookingSuite } from '../../test/booking-suite';
import { createStaff, signIn } from '../../test/server';
import { eventually, openClinic, slotsOf } from '../../test/booking';
import { auditLog } from '../audit/schema';
import { issuePatientQrToken } from '../patients/qrcode';
import { appointments, bookingSettings, schedules, slots } from './schema';
import { sweepNoShows } from './appointments';
import { isOnlineSeq } from './schedules';
import { addDays } from '../../lib/time';

const kit = bookingSuite();
const {
  inject,
  newPatient,
  freshSession,
  bookAs,
  appointmentOf,
  openPaySheet,
  payInSandbox,
  payFor,
  bookAndPay,
  orderOf,
  noticesFor,
} = kit;

describe('number sources', () => {
  it('splits slots evenly between the online and window pools', () => {
    const online = (count: number, ratio: number) =>
      Array.from({ length: count }, (_, i) => i + 1).filter((seq) =>
        isOnlineSeq(seq, count, ratio),
      );
    expect(online(10, 50)).toEqual([2, 4, 6, 8, 10]);
    expect(online(10, 20)).toEqual([5, 10]);
    expect(online(4, 100)).toEqual([1, 2, 3, 4]);
    expect(online(5, 0)).toEqual([]);
  });

  it('materialises templates once, with pools by ratio, and shows only the online pool', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 10, onlineRatioPercent: 30 });
    const all = await slotsOf(kit.env.server, clinic.scheduleId);
    expect(all).toHaveLength(10);
    expect(all.filter((s) => s.pool === 'online')).toHaveLength(3);
    // Slot times divide the period evenly: 08:00–12:00 in ten 24-minute slots.
    expect((all[1]!.startsAt.getTime() - all[0]!.startsAt.getTime()) / 60_000).toBe(24);
    // Running the generator again adds nothing.
    const again = await inject({
      method: 'POST',
      url: '/api/admin/schedules/generate',
      headers: kit.admin.headers,
    });
    expect(again.statusCode).toBe(200);
    expect(await slotsOf(kit.env.server, clinic.scheduleId)).toHaveLength(10);

    const detail = await inject({
      method: 'GET',
      url: `/api/public/schedules/${clinic.scheduleId}`,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().slots).toHaveLength(3);
    expect(detail.json()).toMatchObject({ onlineTotal: 3, onlineAvailable: 3, bookable: true });

    const list = await inject({
      method: 'GET',
      url: `/api/public/schedules?doctorId=${clinic.doctorId}`,
    });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().rules).toMatchObject({ bookingDays: 7, holdMinutes: 10 });
  });

  it('releases the last day at the release time, not before', async () => {
    const clinic = await openClinic(kit.env.server, { daysAhead: 7 });
    const [schedule] = await kit.env.server.deps.db
      .select()
      .from(schedules)
      .where(eq(schedules.id, clinic.scheduleId));
    // 07:00 hospital time, seven days before the visit.
    expect(schedule!.releaseAt.toISOString()).toBe(
      new Date(`${addDays(clinic.date, -7)}T07:00:00+08:00`).toISOString(),
    );
    const p = await newPatient();
    if (schedule!.releaseAt > kit.env.server.clock.now()) {
      const early = await bookAs(p, clinic.scheduleId);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('SCHEDULE_NOT_BOOKABLE');
    }
    const wait = schedule!.releaseAt.getTime() - kit.env.server.clock.now().getTime();
    const clock = kit.env.server.clock;
    if (wait > 0) clock.advance(wait);
    try {
      // Waiting hours for the release (tests run just after midnight) outlives the H5 session.
      const booked = await bookAs(wait > 0 ? await freshSession(p) : p, clinic.scheduleId);
      expect(booked.statusCode).toBe(200);
    } finally {
      if (wait > 0) clock.advance(-wait);
    }
  });

  it('lets an administrator move free slots between pools', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 10, onlineRatioPercent: 50 });
    const response = await inject({
      method: 'PATCH',
      url: `/api/admin/schedules/${clinic.scheduleId}`,
      headers: kit.admin.headers,
      payload: { onlineRatioPercent: 20 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ onlineRatioPercent: 20, onlineCount: 2 });
  });
});

describe('booking and paying', () => {
  it('holds the slot, confirms on WeChat Pay’s notification and queues one notice', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const booked = await bookAs(p, clinic.scheduleId);
    expect(booked.statusCode).toBe(200);
    const held = booked.json() as Appointment;
    expect(held).toMatchObject({ status: 'held', seq: 1, feeFen: 5000 });
    expect(held.holdExpiresAt).not.toBeNull();
    expect(held.payment).toMatchObject({ status: 'created', amountFen: 5000 });
    // The answer built at booking is the same view the appointment page reads back.
    expect(held).toEqual(await appointmentOf(p, held.id));

    const confirmed = await payFor(p, held.id);
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.payment).toMatchObject({ status: 'paid', amountFen: 5000 });
    expect(confirmed.events.map((e) => `${e.from ?? ''}>${e.to}:${e.reason}`)).toEqual([
      '>held:booked',
      'held>confirmed:paid',
    ]);
    const [slot] = await kit.env.server.deps.db
      .select()
      .from(slots)
      .where(eq(slots.appointmentId, held.id));
    expect(slot!.status).toBe('booked');
    const notices = await noticesFor(`appointment_booked:${held.id}`);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.data).toMatchObject({ sequence: '1', fee: '50.00' });
    expect(JSON.stringify(notices[0]!.data)).not.toMatch(/\d{17}[\dX]|139\d{8}/);
  });

  it('confirms free registrations at once, without payment', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0 });
    const p = await newPatient();
    const booked = await bookAs(p, clinic.scheduleId);
    expect(booked.statusCode).toBe(200);
    expect(booked.json()).toMatchObject({ status: 'confirmed', payment: null });
    expect(await noticesFor(`appointment_booked:${booked.json().id}`)).toHaveLength(1);
  });

  it('resolves the outcome by asking WeChat Pay when the page returns before the notice', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const pay = await openPaySheet(p, id);
    // The notification cannot get through: the server's notify URL answers nothing for now.
    await kit.env.control('POST', '/faults', { payNotify: {} });
    await payInSandbox(p, pay);
    const synced = await inject({
      method: 'POST',
      url: `/api/appointments/${id}/sync`,
      headers: p.headers,
    });
    expect(synced.statusCode).toBe(200);
    expect(synced.json().status).toBe('confirmed');
    await kit.env.control('DELETE', '/faults');
  });

  it('refuses to start paying for another user’s appointment', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const other = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    for (const url of [`/api/appointments/${id}`, `/api/appointments/${id}/pay`]) {
      const response = await inject({
        method: url.endsWith('pay') ? 'POST' : 'GET',
        url,
        headers: other.headers,
      });
      expect(response.statusCode).toBe(404);
    }
  });
});

describe('the last slot', () => {
  it('is sold once when many patients book it at the same moment', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 1, feeFen: 0 });
    const patients = await Promise.all(Array.from({ length: 12 }, () => newPatient()));
    const answers = await Promise.all(patients.map((p) => bookAs(p, clinic.scheduleId)));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual(
      Array(11).fill('SLOT_TAKEN'),
    );
    const live = await kit.env.server.deps.db
      .select()
      .from(appointments)
      .where(
        and(eq(appointments.scheduleId, clinic.scheduleId), eq(appointments.status, 'confirmed')),
      );
    expect(live).toHaveLength(1);
  });

  it('sells every slot, and no more, when more patients than slots book at once', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 6, feeFen: 0 });
    const online = await kit.env.server.deps.db
      .select()
      .from(slots)
      .where(and(eq(slots.scheduleId, clinic.scheduleId), eq(slots.pool, 'online')));
    const patients = await Promise.all(
      Array.from({ length: online.length + 5 }, () => newPatient()),
    );
    const answers = await Promise.all(patients.map((p) => bookAs(p, clinic.scheduleId)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(online.length);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual(
      Array(5).fill('SLOT_TAKEN'),
    );
    const seqs = answers.filter((a) => a.statusCode === 200).map((a) => a.json().seq);
    expect(new Set(seqs).size).toBe(online.length);
  });

  it('is not kept from a patient by a booking at the same moment that is refused', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 1, feeFen: 0 });
    const unverified = await newPatient({
      idType: 'passport',
      idNumber: `E${Date.now().toString().slice(-8)}`,
      birthDate: '1990-01-01',
      sex: 'male',
    });
    const verified = await newPatient();
    const [refused, booked] = await Promise.all([
      bookAs(unverified, clinic.scheduleId),
      bookAs(verified, clinic.scheduleId),
    ]);
    expect(refused.json().error.code).toBe('PATIENT_NOT_VERIFIED');
    expect(booked.statusCode).toBe(200);
  });

  it('is sold once when one patient double-submits', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 3, feeFen: 0 });
    const p = await newPatient();
    const answers = await Promise.all([1, 2, 3].map(() => bookAs(p, clinic.scheduleId)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual([
      'DUPLICATE_APPOINTMENT',
      'DUPLICATE_APPOINTMENT',
    ]);
  });
});

describe('rules', () => {
  it('requires real-name binding', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient({
      idType: 'passport',
      idNumber: `E${Date.now().toString().slice(-8)}`,
      birthDate: '1990-01-01',
      sex: 'male',
    });
    const response = await bookAs(p, clinic.scheduleId);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('PATIENT_NOT_VERIFIED');
  });

  it('limits appointments per day and per week', async () => {
    const settings = { maxPerPatientPerDay: 1, maxPerPatientPerWeek: 1 };
    await kit.env.server.deps.db.update(bookingSettings).set(settings);
    try {
      const first = await openClinic(kit.env.server, { feeFen: 0 });
      const second = await openClinic(kit.env.server, { feeFen: 0 });
      const p = await newPatient();
      expect((await bookAs(p, first.scheduleId)).statusCode).toBe(200);
      const sameDay = await bookAs(p, second.scheduleId);
      expect(sameDay.json().error.code).toBe('DAILY_LIMIT_REACHED');
      await kit.env.server.deps.db.update(bookingSettings).set({ maxPerPatientPerDay: 2 });
      const sameWeek = await bookAs(p, second.scheduleId);
      expect(sameWeek.json().error.code).toBe('WEEKLY_LIMIT_REACHED');
    } finally {
      await kit.env.server.deps.db
        .update(bookingSettings)
        .set({ maxPerPatientPerDay: 2, maxPerPatientPerWeek: 5 });
    }
  });

  it('lets one of a person’s simultaneous bookings through when one a day is allowed', async () => {
    await kit.env.server.deps.db.update(bookingSettings).set({ maxPerPatientPerDay: 1 });
    try {
      const clinics = await Promise.all(
        Array.from({ length: 4 }, () => openClinic(kit.env.server, { feeFen: 0 })),
      );
      const p = await newPatient();
      const answers = await Promise.all(clinics.map((c) => bookAs(p, c.scheduleId)));
      expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.statusCode !== 200).map((a) => a.json().error.code)).toEqual(
        Array(3).fill('DAILY_LIMIT_REACHED'),
      );
      const live = await kit.env.server.deps.db
        .select()
        .from(appointments)
        .where(and(eq(appointments.patientId, p.patientId), eq(appointments.status, 'confirmed')));
      expect(live).toHaveLength(1);
    } finally {
      await kit.env.server.deps.db.update(bookingSettings).set({ maxPerPatientPerDay: 2 });
    }
  });

  it('suspends online booking after repeated no-shows', async () => {
    await kit.env.server.deps.db.update(bookingSettings).set({ maxPerPatientPerDay: 5 });
    const p = await newPatient();
    for (let i = 0; i < 3; i++) {
      const clinic = await openClinic(kit.env.server, {
        feeFen: 0,
        daysAhead: 0,
        startTime: '00:00',
        endTime: '00:30',
      });
      // Book as if the period were still ahead, then let it pass.
      await kit.env.server.deps.db
        .update(slots)
        .set({ endsAt: new Date(kit.env.server.clock.now().getTime() + 60_000) })
        .where(eq(slots.scheduleId, clinic.scheduleId));
      await kit.env.server.deps.db
        .update(schedules)
        .set({ endsAt: new Date(kit.env.server.clock.now().getTime() + 60_000) })
        .where(eq(schedules.id, clinic.scheduleId));
      const booked = await bookAs(p, clinic.scheduleId);
      expect(booked.statusCode).toBe(200);
    }
    kit.env.server.clock.advance(2 * 60_000);
    try {
      expect(await sweepNoShows(kit.env.server.deps)).toBeGreaterThanOrEqual(3);
      const next = await openClinic(kit.env.server, { feeFen: 0 });
      const refused = await bookAs(p, next.scheduleId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('BOOKING_SUSPENDED');
      // Suspended for the configured days from the end of the last missed visit.
      const missed = await kit.env.server.deps.db
        .select({ endsAt: appointments.endsAt })
        .from(appointments)
        .where(and(eq(appointments.patientId, p.patientId), eq(appointments.status, 'no_show')));
      const lastEnd = Math.max(...missed.map((m) => m.endsAt.getTime()));
      const [rules] = await kit.env.server.deps.db.select().from(bookingSettings);
      expect(refused.json().error.details.until).toBe(
        new Date(lastEnd + rules!.noShowBanDays * 86_400_000).toISOString(),
      );
    } finally {
      kit.env.server.clock.advance(-2 * 60_000);
      await kit.env.server.deps.db.update(bookingSettings).set({ maxPerPatientPerDay: 2 });
    }
  });
});

describe('cancelling', () => {
  it('cancels before the cutoff, refunds, returns the slot and tells the patient', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 1 });
    const p = await newPatient();
    const appointment = await bookAndPay(p, clinic.scheduleId);
    expect(appointment.cancellableUntil).toBe(
      new Date(`${clinic.date}T00:00:00+08:00`).toISOString(),
    );
    const cancelled = await inject({
      method: 'POST',
      url: `/api/appointments/${appointment.id}/cancel`,
      headers: p.headers,
      payload: { reason: '临时有事' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    await eventually(async () => (await orderOf(appointment.id)).status === 'refunded');
    const view = await appointmentOf(p, appointment.id);
    expect(view.payment).toMatchObject({ status: 'refunded', refundedFen: 5000 });
    expect(view.payment!.refunds[0]).toMatchObject({ status: 'succeeded', amountFen: 5000 });
    expect((await slotsOf(kit.env.server, clinic.scheduleId))[0]!.status).toBe('free');
    expect(await noticesFor(`appointment_cancelled:${appointment.id}`)).toHaveLength(1);
    await eventually(async () => (await noticesFor('refund_completed:')).length > 0);
  });

  it('refuses online cancellation after the cutoff', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 1 });
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const untilMidnight =
      new Date(`${clinic.date}T00:00:00+08:00`).getTime() - kit.env.server.clock.now().getTime();
    kit.env.server.clock.advance(untilMidnight + 60_000);
    try {
      const later = await freshSession(p);
      const refused = await inject({
        method: 'POST',
        url: `/api/appointments/${id}/cancel`,
        headers: later.headers,
        payload: {},
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('CANCEL_CUTOFF_PASSED');
      expect(refused.json().error.message).toContain('窗口');
      expect((await appointmentOf(later, id)).status).toBe('confirmed');
    } finally {
      kit.env.server.clock.advance(-(untilMidnight + 60_000));
    }
  });
});

describe('check-in and no-shows', () => {
  it('checks in by the patient’s QR code at the window and at a kiosk', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 1 });
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const [slot] = await slotsOf(kit.env.server, clinic.scheduleId);
    const shift = slot!.startsAt.getTime() - 30 * 60_000 - kit.env.server.clock.now().getTime();
    kit.env.server.clock.advance(shift);
    try {
      await createStaff(kit.env.server, 'window-1', ['registrar']);
      const registrar = await signIn(kit.env.server, 'window-1');
      const { token } = issuePatientQrToken(
        kit.env.server.config.session.secret,
        p.patientId,
        kit.env.server.clock.now(),
      );
      const bad = await inject({
        method: 'POST',
        url: '/api/check-in',
        headers: registrar.headers,
        payload: { token: `${token.slice(0, -2)}xx` },
      });
      expect(bad.json().error.code).toBe('CHECK_IN_TOKEN_INVALID');
      const checked = await inject({
        method: 'POST',
        url: '/api/check-in',
        headers: registrar.headers,
        payload: { token },
      });
      expect(checked.statusCode).toBe(200);
      expect(checked.json().checkedIn).toHaveLength(1);
      expect(checked.json().patientName).toMatch(/^王\*/);
      expect((await appointmentOf(await freshSession(p), id)).status).toBe('checked_in');
      const again = await inject({
        method: 'POST',
        url: '/api/check-in',
        headers: registrar.headers,
        payload: { token },
      });
      expect(again.json().error.code).toBe('NOTHING_TO_CHECK_IN');
      const kiosk = await inject({
        method: 'POST',
        url: '/api/kiosk/check-in',
        headers: { authorization: 'Bearer not-a-kiosk-key-000000000000000000' },
        payload: { token },
      });
      expect(kiosk.statusCode).toBe(401);
    } finally {
      kit.env.server.clock.advance(-shift);
    }
  });

  it('marks confirmed appointments not checked in as no-shows and releases their slots', async () => {
    const clinic = await openClinic(kit.env.server, { feeFen: 0, daysAhead: 1 });
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const [schedule] = await kit.env.server.deps.db
      .select()
      .from(schedules)
      .where(eq(schedules.id, clinic.scheduleId));
    const shift = schedule!.endsAt.getTime() + 60_000 - kit.env.server.clock.now().getTime();
    kit.env.server.clock.advance(shift);
    try {
      await sweepNoShows(kit.env.server.deps);
    } finally {
      kit.env.server.clock.advance(-shift);
    }
    const view = await appointmentOf(p, id);
    expect(view.status).toBe('no_show');
    expect(view.events.at(-1)).toMatchObject({
      from: 'confirmed',
      to: 'no_show',
      actorType: 'system',
    });
    expect((await slotsOf(kit.env.server, clinic.scheduleId))[0]!.status).toBe('free');
  });
});

describe('stopping a clinic', () => {
  it('cancels, refunds and tells every booked patient, and shows the progress', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 3 });
    const payer = await newPatient();
    const paid = await bookAndPay(payer, clinic.scheduleId);
    const holder = await newPatient();
    const held = (await bookAs(holder, clinic.scheduleId)).json() as Appointment;
    const stopped = await inject({
      method: 'POST',
      url: `/api/admin/schedules/${clinic.scheduleId}/stop`,
      headers: kit.admin.headers,
      payload: { reason: '医生外出会诊' },
    });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toMatchObject({ status: 'stopped', stopReason: '医生外出会诊' });
    expect(stopped.json().stopProgress.cancelled).toBe(2);
    expect((await appointmentOf(payer, paid.id)).status).toBe('cancelled');
    expect((await appointmentOf(holder, held.id)).status).toBe('cancelled');
    await eventually(async () => (await orderOf(paid.id)).status === 'refunded');
    expect((await orderOf(held.id)).status).toBe('closed');
    const progress = await inject({
      method: 'GET',
      url: `/api/admin/schedules/${clinic.scheduleId}`,
      headers: kit.admin.headers,
    });
    expect(progress.json().stopProgress).toMatchObject({
      cancelled: 2,
      refunds: { pending: 0, succeeded: 1, failed: 0 },
    });
    expect(progress.json().stopProgress.notices.queued).toBe(2);
    expect(await noticesFor(`clinic_stopped:${paid.id}`)).toHaveLength(1);
    const noMore = await bookAs(await newPatient(), clinic.scheduleId);
    expect(noMore.json().error.code).toBe('SCHEDULE_NOT_BOOKABLE');
    const twice = await inject({
      method: 'POST',
      url: `/api/admin/schedules/${clinic.scheduleId}/stop`,
      headers: kit.admin.headers,
      payload: { reason: '再次停诊' },
    });
    expect(twice.json().error.code).toBe('SCHEDULE_STOPPED');
  });
});

describe('administration', () => {
  it('lists and exports appointments and payments, and refunds by hand with an audit record', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const appointment = await bookAndPay(p, clinic.scheduleId);
    const list = await inject({
      method: 'GET',
      url: `/api/admin/appointments?doctorId=${clinic.doctorId}`,
      headers: kit.admin.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      status: 'confirmed',
      patientPhoneMasked: '139****5678',
    });
    const exported = await inject({
      method: 'GET',
      url: `/api/admin/appointments/export.xlsx?doctorId=${clinic.doctorId}`,
      headers: kit.admin.headers,
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const order = await orderOf(appointment.id);
    const tooMuch = await inject({
      method: 'POST',
      url: `/api/admin/payments/${order.id}/refunds`,
      headers: kit.admin.headers,
      payload: { amountFen: 5001, reason: '多收退款' },
    });
    expect(tooMuch.json().error.code).toBe('REFUND_EXCEEDS_PAID');
    const partial = await inject({
      method: 'POST',
      url: `/api/admin/payments/${order.id}/refunds`,
      headers: kit.admin.headers,
      payload: { amountFen: 1000, reason: '费用调整' },
    });
    expect(partial.statusCode).toBe(200);
    await eventually(async () => (await orderOf(appointment.id)).status === 'partially_refunded');
    const detail = await inject({
      method: 'GET',
      url: `/api/admin/payments/${order.id}`,
      headers: kit.admin.headers,
    });
    expect(detail.json()).toMatchObject({
      refundedFen: 1000,
      refundableFen: 4000,
      status: 'partially_refunded',
    });
    expect(detail.json().refunds[0]).toMatchObject({
      requestedBy: 'booking-admin',
      reason: '费用调整',
    });
    const audits = await kit.env.server.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'payment.refund'), eq(auditLog.objectId, order.id)));
    expect(audits).toHaveLength(1);

    const clinician = await createStaff(kit.env.server, 'nurse-b', ['clinician']).then(() =>
      signIn(kit.env.server, 'nurse-b'),
    );
    for (const url of [
      '/api/admin/payments',
      '/api/admin/appointments',
      '/api/admin/booking/settings',
    ]) {
      expect((await inject({ method: 'GET', url, headers: clinician.headers })).statusCode).toBe(
        403,
      );
    }
  });

  it('reconciles a day against WeChat Pay’s bill', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const pay = await openPaySheet(p, id);
    // A payment recorded yesterday in the sandbox (bills cover finished days), settled by a query.
    await kit.env.control('POST', '/faults', { payNotify: {} });
    try {
      await payInSandbox(p, pay, new Date(Date.now() - 86_400_000));
    } finally {
      await kit.env.control('DELETE', '/faults');
    }
    const synced = await inject({
      method: 'POST',
      url: `/api/appointments/${id}/sync`,
      headers: p.headers,
    });
    expect(synced.json().status).toBe('confirmed');
    const order = await orderOf(id);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      order.paidAt!,
    );
    const balanced = await inject({
      method: 'POST',
      url: `/api/admin/reconciliations/${day}`,
      headers: kit.admin.headers,
    });
    expect(balanced.statusCode).toBe(200);
    expect(balanced.json()).toMatchObject({ status: 'balanced', error: null, mismatches: [] });
    expect(balanced.json().theirPaidFen).toBe(balanced.json().ourPaidFen);
    expect(balanced.json().ourPaidCount).toBeGreaterThanOrEqual(1);
    // Our record says a different amount: the report names the order.
    await kit.env.server.deps.db.execute(
      sql`update payment_orders set amount_fen = amount_fen + 1 where id = ${order.id}`,
    );
    try {
      const mismatched = await inject({
        method: 'POST',
        url: `/api/admin/reconciliations/${day}`,
        headers: kit.admin.headers,
      });
      expect(mismatched.json().status).toBe('mismatched');
      expect(mismatched.json().mismatches).toEqual([
        { outTradeNo: order.outTradeNo, kind: 'amount', ours: '50.01', theirs: '50.00' },
      ]);
      const listed = await inject({
        method: 'GET',
        url: '/api/admin/reconciliations',
        headers: kit.admin.headers,
      });
      expect(listed.json().items[0]).toMatchObject({ date: day, status: 'mismatched' });
    } finally {
      await kit.env.server.deps.db.execute(
        sql`update payment_orders set amount_fen = amount_fen - 1 where id = ${order.id}`,
      );
    }
  });
});
