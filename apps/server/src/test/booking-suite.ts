import { beforeAll, afterAll, expect } from 'vitest';
import type { InjectOptions } from 'fastify';
import { eq, like } from 'drizzle-orm';
import type { Appointment } from '@zhangyi/contracts';
import { appointments } from '../modules/booking/schema';
import { notifications } from '../modules/notifications/schema';
import { paymentOrders } from '../modules/payments/schema';
import { WECHAT_SESSION_COOKIE } from '../modules/wechat/oauth';
import { openWechatSession } from '../modules/wechat/sessions';
import { eventually, patientUser, type Patient } from './booking';
import { createStaff, signIn, type SignedIn } from './server';
import { startSandboxedServer, type SandboxedServer } from './wechat';

/**
 * A booking test file's world: a server against the WeChat sandbox (started before the file's
 * tests, closed after), a signed-in administrator, and the patient's steps as helpers.
 */
export function bookingSuite() {
  const kit = {} as { env: SandboxedServer; admin: SignedIn };

  beforeAll(async () => {
    kit.env = await startSandboxedServer(
      { PATIENT_BIND_ATTEMPTS_PER_USER_PER_HOUR: '1000', RATE_LIMIT_PER_IP_PER_MINUTE: '100000' },
      { listen: true },
    );
    await createStaff(kit.env.server, 'booking-admin', ['admin']);
    kit.admin = await signIn(kit.env.server, 'booking-admin');
  }, 60_000);
  afterAll(() => kit.env.close());

  const inject = (options: InjectOptions) => kit.env.server.app.inject(options);

  async function newPatient(fields: Record<string, unknown> = {}): Promise<Patient> {
    return patientUser(kit.env.server, await kit.env.follower(), fields);
  }

  /** A new H5 session for the same user, after the test clock moved past the old one's life. */
  async function freshSession(p: Patient): Promise<Patient> {
    const { sessionId } = await openWechatSession(kit.env.server.deps, p.openid);
    const cookie = `${WECHAT_SESSION_COOKIE}=${kit.env.server.app.signCookie(sessionId)}`;
    const me = await inject({ method: 'GET', url: '/api/wechat/me', headers: { cookie } });
    return { ...p, headers: { cookie, 'x-csrf-token': me.json().csrfToken } };
  }

  async function bookAs(p: Patient, scheduleId: string, slotId?: string) {
    return inject({
      method: 'POST',
      url: '/api/appointments',
      headers: p.headers,
      payload: { scheduleId, patientId: p.patientId, ...(slotId && { slotId }) },
    });
  }

  async function appointmentOf(p: Patient, id: string): Promise<Appointment> {
    const response = await inject({
      method: 'GET',
      url: `/api/appointments/${id}`,
      headers: p.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Opens the pay sheet of a held appointment and pays in the sandbox; waits for the notice. */
  /** Opens WeChat Pay's sheet for the appointment (`POST …/pay`); the answer names the order. */
  function openPaySheet(p: Patient, id: string) {
    return inject({ method: 'POST', url: `/api/appointments/${id}/pay`, headers: p.headers });
  }

  /** The patient pays in the sandbox's sheet; `at` dates the payment in WeChat Pay's records. */
  function payInSandbox(p: Patient, sheet: { json(): { package: string } }, at?: Date) {
    const prepayId = sheet.json().package.replace('prepay_id=', '');
    return kit.env.control('POST', `/pay/orders/${prepayId}/pay`, {
      openid: p.openid,
      ...(at && { at: at.toISOString() }),
    });
  }

  async function payFor(p: Patient, id: string): Promise<Appointment> {
    const pay = await openPaySheet(p, id);
    expect(pay.statusCode).toBe(200);
    expect(pay.json()).toMatchObject({ signType: 'RSA', appId: kit.env.secrets.wechat.appId });
    await payInSandbox(p, pay);
    await eventually(async () => (await appointmentOf(p, id)).status === 'confirmed');
    return appointmentOf(p, id);
  }

  /** Books, opens the pay sheet and pays in the sandbox; waits for WeChat Pay's notification. */
  async function bookAndPay(p: Patient, scheduleId: string): Promise<Appointment> {
    const booked = await bookAs(p, scheduleId);
    expect(booked.statusCode).toBe(200);
    return payFor(p, booked.json().id as string);
  }

  async function orderOf(appointmentId: string) {
    const [row] = await kit.env.server.deps.db
      .select({ order: paymentOrders })
      .from(appointments)
      .innerJoin(paymentOrders, eq(paymentOrders.id, appointments.paymentOrderId))
      .where(eq(appointments.id, appointmentId));
    return row!.order;
  }

  async function noticesFor(key: string) {
    return kit.env.server.deps.db
      .select()
      .from(notifications)
      .where(like(notifications.idempotencyKey, `${key}%`));
  }

  return Object.assign(kit, {
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
  });
}
