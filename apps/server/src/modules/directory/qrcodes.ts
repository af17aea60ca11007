import { count, eq, sql } from 'drizzle-orm';
import { WechatApiError, type Reply } from '@zhangyi/wechat';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { departments, doctorQrCodes, doctorQrScans, doctors } from './schema';

export const DOCTOR_SCENE_PREFIX = 'doctor:';

export interface DoctorQrCode {
  doctorId: string;
  /** The QR image from WeChat. */
  imageUrl: string;
  /** What the code encodes, to render or print it ourselves. */
  url: string;
  scans: number;
  newFollowers: number;
}

/**
 * The doctor's permanent QR code, created through WeChat the first time it is asked for. Scanning
 * it, follower or not, leads to the doctor's page; scans are counted.
 */
export async function doctorQrCode(
  deps: Deps,
  meta: RequestMeta,
  doctorId: string,
): Promise<DoctorQrCode> {
  if (!deps.wechat) throw new DomainError('WECHAT_NOT_CONFIGURED');
  const [doctor] = await deps.db
    .select({ id: doctors.id })
    .from(doctors)
    .where(eq(doctors.id, doctorId));
  if (!doctor) throw new DomainError('NOT_FOUND');
  let [stored] = await deps.db
    .select()
    .from(doctorQrCodes)
    .where(eq(doctorQrCodes.doctorId, doctorId));
  if (!stored) {
    let created;
    try {
      created = await deps.wechat.client.qrcode.createPermanent({
        sceneStr: `${DOCTOR_SCENE_PREFIX}${doctorId}`,
      });
    } catch (error) {
      if (error instanceof WechatApiError) {
        throw new DomainError('WECHAT_API_FAILED', {
          errcode: error.errcode,
          errmsg: error.errmsg,
        });
      }
      throw error;
    }
    // Two admins asking at once get the same permanent scene; keep whichever row landed first.
    await deps.db
      .insert(doctorQrCodes)
      .values({ doctorId, ticket: created.ticket, url: created.url })
      .onConflictDoNothing();
    [stored] = await deps.db
      .select()
      .from(doctorQrCodes)
      .where(eq(doctorQrCodes.doctorId, doctorId));
    await recordAudit(deps.db, meta, {
      action: 'doctor.qrcode.create',
      result: 'success',
      objectType: 'doctor',
      objectId: doctorId,
    });
  }
  const [totals] = await deps.db
    .select({
      scans: count(),
      newFollowers: sql<number>`count(*) filter (where ${doctorQrScans.newFollower})::int`,
    })
    .from(doctorQrScans)
    .where(eq(doctorQrScans.doctorId, doctorId));
  return {
    doctorId,
    imageUrl: deps.wechat.client.qrcode.showQrcodeUrl(stored!.ticket),
    url: stored!.url,
    scans: totals?.scans ?? 0,
    newFollowers: totals?.newFollowers ?? 0,
  };
}

/** A scan of a doctor's code: counted, and answered with a card leading to the doctor's page. */
export async function doctorScanned(
  deps: Deps,
  doctorId: string,
  openid: string,
  newFollower: boolean,
): Promise<Reply | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(doctorId)) return undefined;
  const [doctor] = await deps.db
    .select({
      name: doctors.name,
      title: doctors.title,
      specialties: doctors.specialties,
      department: departments.name,
      photoUrl: doctors.photoUrl,
    })
    .from(doctors)
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(eq(doctors.id, doctorId));
  if (!doctor) return undefined;
  await deps.db
    .insert(doctorQrScans)
    .values({ doctorId, openid, newFollower, at: deps.clock.now() });
  return {
    type: 'news',
    articles: [
      {
        title: `${doctor.name} ${doctor.title}`,
        description: [doctor.department, doctor.specialties].filter(Boolean).join(' · '),
        url: `${deps.config.publicUrl}/h5/doctors/${doctorId}`,
        ...(doctor.photoUrl && { picUrl: doctor.photoUrl }),
      },
    ],
  };
}
