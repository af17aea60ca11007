import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/** The built-in HIS's outpatient records (in a real deployment these live in the HIS). */
export const hisOutpatientRecords = pgTable(
  'his_outpatient_records',
  {
    hisPatientId: text('his_patient_id').primaryKey(),
    cardNumber: text('card_number').notNull(),
    name: text('name').notNull(),
    /** Keyed hash of the ID number: groups the records of one person. */
    idNumberHash: text('id_number_hash'),
    lastVisit: date('last_visit'),
  },
  (t) => [
    index('his_outpatient_card_idx').on(t.cardNumber),
    index('his_outpatient_person_idx').on(t.idNumberHash),
  ],
);

/** The built-in HIS's weekly clinic plan of each doctor. */
export const hisWeeklyClinics = pgTable(
  'his_weekly_clinics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    doctorCode: text('doctor_code').notNull(),
    weekday: integer('weekday').notNull(),
    period: text('period').notNull(),
    clinicType: text('clinic_type').notNull(),
    feeFen: integer('fee_fen').notNull(),
  },
  (t) => [index('his_weekly_clinics_doctor_idx').on(t.doctorCode)],
);
