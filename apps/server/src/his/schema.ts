import { date, index, pgTable, text } from 'drizzle-orm/pg-core';

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
