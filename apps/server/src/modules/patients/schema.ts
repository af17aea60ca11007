import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The people a WeChat user books and pays for (就诊人). ID and phone numbers are encrypted, with
 * keyed hashes beside them for look-ups; an unbound patient keeps its row (appointments and
 * payments refer to it) with `unbound_at` set.
 */
export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOpenid: text('owner_openid').notNull(),
    name: text('name').notNull(),
    idType: text('id_type').notNull(),
    idNumberEncrypted: text('id_number_encrypted').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex').notNull(),
    phoneEncrypted: text('phone_encrypted').notNull(),
    phoneHash: text('phone_hash').notNull(),
    relation: text('relation').notNull(),
    guardianName: text('guardian_name'),
    guardianIdEncrypted: text('guardian_id_encrypted'),
    isDefault: boolean('is_default').notNull().default(false),
    cardNumber: text('card_number'),
    hisPatientId: text('his_patient_id'),
    consentVersion: text('consent_version').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    unboundAt: timestamp('unbound_at', { withTimezone: true }),
  },
  (t) => [
    check('patients_sex_known', sql`${t.sex} in ('male','female')`),
    check(
      'patients_id_type_known',
      sql`${t.idType} in ('resident_id','passport','hk_macao_permit','taiwan_permit','foreigner_permit')`,
    ),
    // One binding of a person per user, one default per user: held by the database.
    uniqueIndex('patients_owner_person_idx')
      .on(t.ownerOpenid, t.idNumberHash)
      .where(sql`${t.unboundAt} is null`),
    uniqueIndex('patients_owner_default_idx')
      .on(t.ownerOpenid)
      .where(sql`${t.isDefault} and ${t.unboundAt} is null`),
    index('patients_owner_idx').on(t.ownerOpenid),
    index('patients_person_idx').on(t.idNumberHash),
  ],
);

/** Binding attempts, counted per user and per ID number to stop enumeration of other people's data. */
export const patientBindingAttempts = pgTable(
  'patient_binding_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ownerOpenid: text('owner_openid').notNull(),
    idNumberHash: text('id_number_hash'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('patient_binding_owner_idx').on(t.ownerOpenid, t.at),
    index('patient_binding_person_idx').on(t.idNumberHash, t.at),
  ],
);
