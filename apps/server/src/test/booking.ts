import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { encryptResource, loadPrivateKey, rsaSign, signatureMessage } from '@zhangyi/wechat';
import type { DemoSecrets } from '../../../../scripts/demo-lib';
import { addDays, isoWeekday, localDate } from '../lib/time';
import { scheduleTemplates, schedules, slots } from '../modules/booking/schema';
import { generateSchedules } from '../modules/booking/schedules';
import { departments, doctors } from '../modules/directory/schema';
import { residentIdCheckDigit } from '../modules/patients/identity';
import { WECHAT_SESSION_COOKIE } from '../modules/wechat/oauth';
import { openWechatSession } from '../modules/wechat/sessions';
import type { TestServer } from './server';

// Helpers of the booking and payment tests: clinics, patients, WeChat users and signed
// WeChat Pay notifications.

let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial++).toString(36)}`;

/** A valid resident ID number, different on every call (born 1980–1999). */
export function newResidentId(): string {
  const n = serial++;
  const first17 = `110105${1980 + (n % 20)}0312${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

export interface Clinic {
  doctorId: string;
  departmentId: string;
  scheduleId: string;
  date: string;
}

/**
 * A department, a doctor and a weekly clinic on the weekday `daysAhead` from today, materialised
 * by the real generator; answers the schedule of that date.
 */
export async function openClinic(
  server: TestServer,
  options: {
    daysAhead?: number;
    feeFen?: number;
    slotCount?: number;
    onlineRatioPercent?: number;
    startTime?: string;
    endTime?: string;
  } = {},
): Promise<Clinic> {
  const { db } = server.deps;
  const tag = unique();
  const [department] = await db
    .insert(departments)
    .values({ code: `D${tag}`, name: `科室${tag}` })
    .returning();
  const [doctor] = await db
    .insert(doctors)
    .values({
      departmentId: department!.id,
      code: `R${tag}`,
      name: `医生${tag}`,
      title: '主任医师',
    })
    .returning();
  const date = addDays(
    localDate(server.clock.now(), server.config.timeZone),
    options.daysAhead ?? 2,
  );
  await db.insert(scheduleTemplates).values({
    doctorId: doctor!.id,
    weekday: isoWeekday(date),
    period: 'morning',
    clinicType: 'specialist',
    feeFen: options.feeFen ?? 5000,
    slotCount: options.slotCount ?? 4,
    startTime: options.startTime ?? '08:00',
    endTime: options.endTime ?? '12:00',
    onlineRatioPercent: options.onlineRatioPercent ?? 100,
  });
  await generateSchedules(server.deps);
  const [schedule] = await db
    .select()
    .from(schedules)
    .where(and(eq(schedules.doctorId, doctor!.id), eq(schedules.date, date)));
  if (!schedule) throw new Error('the clinic was not generated');
  return { doctorId: doctor!.id, departmentId: department!.id, scheduleId: schedule.id, date };
}

export async function slotsOf(server: TestServer, scheduleId: string) {
  return server.deps.db
    .select()
    .from(slots)
    .where(eq(slots.scheduleId, scheduleId))
    .orderBy(slots.seq);
}

export interface Patient {
  openid: string;
  headers: Record<string, string>;
  patientId: string;
}

/** A WeChat user with an H5 session and one bound patient (a new person each time). */
export async function patientUser(
  server: TestServer,
  openid: string,
  patient: Record<string, unknown> = {},
): Promise<Patient> {
  const { sessionId } = await openWechatSession(server.deps, openid);
  const cookie = `${WECHAT_SESSION_COOKIE}=${server.app.signCookie(sessionId)}`;
  const me = await server.app.inject({ method: 'GET', url: '/api/wechat/me', headers: { cookie } });
  const headers = { cookie, 'x-csrf-token': me.json().csrfToken as string };
  const added = await server.app.inject({
    method: 'POST',
    url: '/api/patients',
    headers,
    payload: {
      name: '王五',
      idType: 'resident_id',
      idNumber: newResidentId(),
      phone: '13912345678',
      relation: 'self',
      consent: true,
      ...patient,
    },
  });
  if (added.statusCode !== 200) throw new Error(`binding failed: ${added.body}`);
  return { openid, headers, patientId: added.json().id };
}

/**
 * A WeChat Pay notification signed with the sandbox's platform key and encrypted with the APIv3
 * key, exactly as WeChat Pay sends one: what a genuine, repeated or reordered notice looks like.
 */
export function signedNotification(
  secrets: DemoSecrets,
  notice: { id: string; eventType: string; resource: Record<string, unknown> },
  options: { privateKeyPem?: string; timestamp?: number } = {},
): { headers: Record<string, string>; body: string } {
  const nonce = randomBytes(6).toString('hex');
  const associatedData = notice.eventType.startsWith('REFUND') ? 'refund' : 'transaction';
  const body = JSON.stringify({
    id: notice.id,
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: notice.eventType,
    summary: '通知',
    resource: {
      original_type: associatedData,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: encryptResource(
        secrets.wechat.apiV3Key,
        JSON.stringify(notice.resource),
        nonce,
        associatedData,
      ),
      associated_data: associatedData,
      nonce,
    },
  });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headerNonce = randomBytes(16).toString('hex');
  const key = loadPrivateKey(options.privateKeyPem ?? secrets.wechat.platformPrivateKeyPem);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': headerNonce,
      'wechatpay-signature': rsaSign(signatureMessage(timestamp, headerNonce, body), key),
      'wechatpay-serial': secrets.wechat.platformPublicKeyId,
    },
  };
}

/** Polls `probe` until it answers true, or fails after `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in time');
}
