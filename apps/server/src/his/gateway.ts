/**
 * The boundary to the hospital information system (HIS). Modules ask it about the hospital's own
 * records and never reach the HIS any other way. The built-in implementation keeps the records in
 * our tables (the default, and the demo); adapters to an integration platform (HL7 FHIR R4, or
 * XML/JSON over the hospital's bus) implement the same interface.
 */
export interface OutpatientRecord {
  /** The HIS's patient id (门诊号 / 病案号). */
  hisPatientId: string;
  cardNumber: string;
  name: string;
  lastVisit: string | null;
}

/** A doctor's regular weekly clinic (出诊), as the HIS plans it. */
export interface WeeklyClinic {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  period: 'morning' | 'afternoon' | 'evening';
  /** 普通 general, 专家 specialist, 特需 premium. */
  clinicType: 'general' | 'specialist' | 'premium';
  /** Registration fee in fen. */
  feeFen: number;
}

export interface HisGateway {
  /** A doctor's weekly clinic plan, by the doctor's code (工号). */
  weeklyClinics(doctorCode: string): Promise<WeeklyClinic[]>;

  /**
   * The outpatient records of the person holding `cardNumber`, when the name matches: one
   * record usually, several when the hospital created more than one number for the same person.
   */
  findOutpatientRecords(input: { cardNumber: string; name: string }): Promise<OutpatientRecord[]>;
}
