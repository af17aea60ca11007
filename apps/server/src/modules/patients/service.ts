import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  errorMessage,
  type AddPatientBody,
  type BindCardResult,
  type IdType,
  type Locale,
  type Patient,
  type UpdatePatientBody,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { maskIdNumber, maskPhone } from '../../lib/pii';
import { localDate } from '../../lib/time';
import { recordAudit } from '../audit/service';
import {
  ageOn,
  checkMobile,
  checkName,
  checkOtherDocument,
  isProblem,
  parseResidentId,
  type FieldProblem,
} from './identity';
import { issuePatientQrToken, qrSvg } from './qrcode';
import { patientBindingAttempts, patients } from './schema';

type PatientRow = typeof patients.$inferSelect;

/** The version of the consent text a user accepts when binding (shown in the H5 form). */
export const CONSENT_VERSION = '2026-11';
/** Children under this age bind only with a guardian (PIPL art. 31). */
const GUARDIAN_AGE = 14;

function wechatUser(meta: RequestMeta): string {
  if (meta.actor.type !== 'wechat_user') throw new DomainError('UNAUTHENTICATED');
  return meta.actor.openid;
}

function today(deps: Deps): string {
  return localDate(deps.clock.now(), deps.config.timeZone);
}

function toPatient(deps: Deps, row: PatientRow): Patient {
  return {
    id: row.id,
    name: row.name,
    idType: row.idType as IdType,
    idNumberMasked: maskIdNumber(deps.pii.decrypt(row.idNumberEncrypted)),
    birthDate: row.birthDate,
    sex: row.sex as Patient['sex'],
    age: ageOn(row.birthDate, today(deps)),
    phoneMasked: maskPhone(deps.pii.decrypt(row.phoneEncrypted)),
    relation: row.relation as Patient['relation'],
    guardianName: row.guardianName,
    isDefault: row.isDefault,
    cardNumber: row.cardNumber,
    recordStatus: row.hisPatientId ? 'complete' : 'pending',
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The owner's patient by id. Another user's patient is answered exactly like a missing one, and
 * the attempt is audited: ids cannot be probed. Call it before opening a transaction: the audit
 * row of a refusal must outlive the refusal.
 */
async function ownPatient(deps: Deps, meta: RequestMeta, id: string): Promise<PatientRow> {
  const owner = wechatUser(meta);
  const [row] = await deps.db
    .select()
    .from(patients)
    .where(and(eq(patients.id, id), isNull(patients.unboundAt)));
  if (!row || row.ownerOpenid !== owner) {
    if (row) {
      await recordAudit(deps.db, meta, {
        action: 'access.denied',
        result: 'denied',
        objectType: 'patient',
        objectId: id,
      });
    }
    throw new DomainError('NOT_FOUND');
  }
  return row;
}

/** The user's bound patients, the default first; every listing is audited. */
export async function listPatients(deps: Deps, meta: RequestMeta) {
  const owner = wechatUser(meta);
  const rows = await deps.db
    .select()
    .from(patients)
    .where(and(eq(patients.ownerOpenid, owner), isNull(patients.unboundAt)))
    .orderBy(sql`${patients.isDefault} desc`, patients.createdAt);
  await recordAudit(deps.db, meta, {
    action: 'patient.list',
    result: 'success',
    objectType: 'patient',
    details: { count: rows.length },
  });
  return { items: rows.map((row) => toPatient(deps, row)), limit: deps.config.patients.limit };
}

/** Field problems with their message in the caller's language. */
function invalid(problems: FieldProblem[], locale: Locale): DomainError {
  return new DomainError(
    'PATIENT_INVALID',
    problems.map((p) => ({ ...p, message: fieldMessage(p.reason, locale) })),
  );
}

const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  id_format: { zh: '证件号码格式不正确', en: 'The document number is not in the right format' },
  id_region: { zh: '身份证号的地区码不正确', en: 'The region code of the ID number is wrong' },
  id_birth_date: {
    zh: '身份证号中的出生日期不正确',
    en: 'The birth date in the ID number is wrong',
  },
  id_check_digit: {
    zh: '身份证号校验位不正确，请核对最后一位',
    en: 'The check digit of the ID number is wrong; check the last character',
  },
  mobile_format: { zh: '请输入 11 位手机号码', en: 'Enter an 11-digit mobile number' },
  name_format: {
    zh: '姓名只能包含汉字、字母、间隔号',
    en: 'Names may contain Chinese characters, letters and middle dots only',
  },
  birth_date_required: { zh: '请填写出生日期', en: 'Enter the date of birth' },
  birth_date_future: {
    zh: '出生日期不能晚于今天',
    en: 'The date of birth cannot be in the future',
  },
  sex_required: { zh: '请选择性别', en: 'Choose the sex' },
  guardian_required: {
    zh: '未满 14 周岁的就诊人需要填写监护人姓名和身份证号',
    en: 'Patients under 14 need a guardian’s name and ID number',
  },
  guardian_id: { zh: '监护人身份证号不正确', en: 'The guardian’s ID number is wrong' },
  guardian_adult: { zh: '监护人须年满 18 周岁', en: 'The guardian must be at least 18' },
};

function fieldMessage(reason: string, locale: Locale): string {
  const entry = FIELD_MESSAGES[reason];
  return entry ? (locale === 'en' ? entry.en : entry.zh) : errorMessage('PATIENT_INVALID', locale);
}

interface CheckedPatient {
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  phone: string;
  guardian: { name: string; idNumber: string } | null;
}

/** Checks every field of a new patient and reports all problems at once. */
function checkPatient(input: AddPatientBody, day: string): CheckedPatient | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = checkName(input.name);
  if (isProblem(name)) problems.push(name);
  const phone = checkMobile(input.phone);
  if (isProblem(phone)) problems.push(phone);

  let idNumber = '';
  let birthDate = input.birthDate ?? '';
  let sex = input.sex;
  if (input.idType === 'resident_id') {
    const parsed = parseResidentId(input.idNumber, day);
    if (isProblem(parsed)) problems.push(parsed);
    else ({ number: idNumber, birthDate, sex } = parsed);
  } else {
    const checked = checkOtherDocument(input.idType, input.idNumber);
    if (isProblem(checked)) problems.push(checked);
    else idNumber = checked;
    if (!input.birthDate) problems.push({ field: 'birthDate', reason: 'birth_date_required' });
    else if (input.birthDate > day)
      problems.push({ field: 'birthDate', reason: 'birth_date_future' });
    if (!input.sex) problems.push({ field: 'sex', reason: 'sex_required' });
  }

  let guardian: CheckedPatient['guardian'] = null;
  if (birthDate && birthDate <= day && ageOn(birthDate, day) < GUARDIAN_AGE) {
    if (!input.guardianName || !input.guardianIdNumber) {
      problems.push({ field: 'guardianName', reason: 'guardian_required' });
    } else {
      const guardianName = checkName(input.guardianName, 'guardianName');
      const guardianId = parseResidentId(input.guardianIdNumber, day);
      if (isProblem(guardianName)) problems.push(guardianName);
      if (isProblem(guardianId))
        problems.push({ field: 'guardianIdNumber', reason: 'guardian_id' });
      else if (ageOn(guardianId.birthDate, day) < 18)
        problems.push({ field: 'guardianIdNumber', reason: 'guardian_adult' });
      if (!isProblem(guardianName) && !isProblem(guardianId))
        guardian = { name: guardianName, idNumber: guardianId.number };
    }
  }
  if (problems.length > 0) return problems;
  return { name: name as string, idNumber, birthDate, sex: sex!, phone: phone as string, guardian };
}

/** Counts a binding attempt and refuses when the user or the ID number has had too many lately. */
async function limitAttempts(deps: Deps, owner: string, idHash: string | null): Promise<void> {
  const now = deps.clock.now();
  const { attemptsPerUserPerHour, attemptsPerIdPerDay } = deps.config.patients;
  await deps.db
    .insert(patientBindingAttempts)
    .values({ ownerOpenid: owner, idNumberHash: idHash, at: now });
  const [byUser] = await deps.db
    .select({ n: count() })
    .from(patientBindingAttempts)
    .where(
      and(
        eq(patientBindingAttempts.ownerOpenid, owner),
        gt(patientBindingAttempts.at, new Date(now.getTime() - 3_600_000)),
      ),
    );
  const [byId] = idHash
    ? await deps.db
        .select({ n: count() })
        .from(patientBindingAttempts)
        .where(
          and(
            eq(patientBindingAttempts.idNumberHash, idHash),
            gt(patientBindingAttempts.at, new Date(now.getTime() - 86_400_000)),
          ),
        )
    : [{ n: 0 }];
  if ((byUser?.n ?? 0) > attemptsPerUserPerHour || (byId?.n ?? 0) > attemptsPerIdPerDay) {
    throw new DomainError('BINDING_RATE_LIMITED');
  }
}

/**
 * Binds a patient to the WeChat user: every field checked (all problems reported at once), at
 * most `PATIENT_LIMIT` per user (counted under a per-user lock, so two concurrent binds cannot
 * both take the last place), the first one becomes the default.
 */
export async function addPatient(
  deps: Deps,
  meta: RequestMeta,
  input: AddPatientBody,
  locale: Locale,
): Promise<Patient> {
  const owner = wechatUser(meta);
  const checked = checkPatient(input, today(deps));
  const idHash = Array.isArray(checked)
    ? null
    : deps.pii.lookupHash(`${input.idType}:${checked.idNumber}`);
  await limitAttempts(deps, owner, idHash);
  if (Array.isArray(checked)) throw invalid(checked, locale);

  const row = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7240200, hashtext(${owner}))`);
    const [bound] = await tx
      .select({
        n: count(),
        defaults: sql<number>`count(*) filter (where ${patients.isDefault})::int`,
      })
      .from(patients)
      .where(and(eq(patients.ownerOpenid, owner), isNull(patients.unboundAt)));
    if ((bound?.n ?? 0) >= deps.config.patients.limit) {
      throw new DomainError('PATIENT_LIMIT_REACHED', { limit: deps.config.patients.limit });
    }
    const now = deps.clock.now();
    const [inserted] = await tx
      .insert(patients)
      .values({
        ownerOpenid: owner,
        name: checked.name,
        idType: input.idType,
        idNumberEncrypted: deps.pii.encrypt(checked.idNumber),
        idNumberHash: idHash!,
        birthDate: checked.birthDate,
        sex: checked.sex,
        phoneEncrypted: deps.pii.encrypt(checked.phone),
        phoneHash: deps.pii.lookupHash(checked.phone),
        relation: input.relation,
        guardianName: checked.guardian?.name ?? null,
        guardianIdEncrypted: checked.guardian ? deps.pii.encrypt(checked.guardian.idNumber) : null,
        isDefault: (bound?.defaults ?? 0) === 0,
        consentVersion: CONSENT_VERSION,
        consentedAt: now,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) throw new DomainError('PATIENT_ALREADY_BOUND');
    await recordAudit(tx, meta, {
      action: 'patient.bind',
      result: 'success',
      objectType: 'patient',
      objectId: inserted.id,
      details: {
        idType: input.idType,
        consentVersion: CONSENT_VERSION,
        guardian: checked.guardian !== null,
      },
    });
    return inserted;
  });
  return toPatient(deps, row);
}

/** Changes the phone or relation, or makes the patient the default one. */
export async function updatePatient(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  input: UpdatePatientBody,
  locale: Locale,
): Promise<Patient> {
  let phone: string | undefined;
  if (input.phone !== undefined) {
    const checked = checkMobile(input.phone);
    if (isProblem(checked)) throw invalid([checked], locale);
    phone = checked;
  }
  const current = await ownPatient(deps, meta, id);
  const row = await deps.db.transaction(async (tx) => {
    if (input.isDefault) {
      await tx
        .update(patients)
        .set({ isDefault: false })
        .where(and(eq(patients.ownerOpenid, current.ownerOpenid), isNull(patients.unboundAt)));
    }
    const [updated] = await tx
      .update(patients)
      .set({
        ...(phone !== undefined && {
          phoneEncrypted: deps.pii.encrypt(phone),
          phoneHash: deps.pii.lookupHash(phone),
        }),
        ...(input.relation !== undefined && { relation: input.relation }),
        ...(input.isDefault && { isDefault: true }),
      })
      .where(eq(patients.id, id))
      .returning();
    await recordAudit(tx, meta, {
      action: 'patient.update',
      result: 'success',
      objectType: 'patient',
      objectId: id,
      details: { fields: Object.keys(input) },
    });
    return updated!;
  });
  return toPatient(deps, row);
}

/** Unbinds a patient; the default passes to the oldest remaining one. */
export async function unbindPatient(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  const current = await ownPatient(deps, meta, id);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(patients)
      .set({ unboundAt: deps.clock.now(), isDefault: false })
      .where(eq(patients.id, id));
    if (current.isDefault) {
      const [next] = await tx
        .select({ id: patients.id })
        .from(patients)
        .where(and(eq(patients.ownerOpenid, current.ownerOpenid), isNull(patients.unboundAt)))
        .orderBy(patients.createdAt)
        .limit(1);
      if (next) await tx.update(patients).set({ isDefault: true }).where(eq(patients.id, next.id));
    }
    await recordAudit(tx, meta, {
      action: 'patient.unbind',
      result: 'success',
      objectType: 'patient',
      objectId: id,
    });
  });
}

/** The full ID and phone numbers, for the owner who explicitly asked; always audited. */
export async function revealPatient(deps: Deps, meta: RequestMeta, id: string) {
  const row = await ownPatient(deps, meta, id);
  await recordAudit(deps.db, meta, {
    action: 'patient.reveal',
    result: 'success',
    objectType: 'patient',
    objectId: id,
  });
  return {
    idNumber: deps.pii.decrypt(row.idNumberEncrypted),
    phone: deps.pii.decrypt(row.phoneEncrypted),
  };
}

/**
 * Binds an outpatient card found in the hospital's records under the patient's name. When the
 * records hold several outpatient numbers for the person, the user chooses one.
 */
export async function bindCard(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  input: { cardNumber: string; hisPatientId?: string | undefined },
): Promise<BindCardResult> {
  const row = await ownPatient(deps, meta, id);
  await limitAttempts(deps, row.ownerOpenid, row.idNumberHash);
  const records = await deps.his.findOutpatientRecords({
    cardNumber: input.cardNumber,
    name: row.name,
  });
  if (records.length === 0) throw new DomainError('CARD_NOT_FOUND');
  const chosen = input.hisPatientId
    ? records.find((r) => r.hisPatientId === input.hisPatientId)
    : records.length === 1
      ? records[0]
      : undefined;
  if (!chosen) {
    if (input.hisPatientId) throw new DomainError('CARD_NOT_FOUND');
    return {
      status: 'choose',
      choices: records.map((r) => ({
        hisPatientId: r.hisPatientId,
        cardNumber: r.cardNumber,
        lastVisit: r.lastVisit,
      })),
    };
  }
  const [updated] = await deps.db
    .update(patients)
    .set({ cardNumber: chosen.cardNumber, hisPatientId: chosen.hisPatientId })
    .where(eq(patients.id, id))
    .returning();
  await recordAudit(deps.db, meta, {
    action: 'patient.bind_card',
    result: 'success',
    objectType: 'patient',
    objectId: id,
  });
  return { status: 'bound', patient: toPatient(deps, updated!) };
}

/** A fresh QR code for check-in and payment at the window. */
export async function patientQrCode(deps: Deps, meta: RequestMeta, id: string) {
  await ownPatient(deps, meta, id);
  const { token, expiresAt } = issuePatientQrToken(
    deps.config.session.secret,
    id,
    deps.clock.now(),
  );
  return { token, svg: await qrSvg(token), expiresAt: expiresAt.toISOString() };
}
