import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { HisGateway, OutpatientRecord, WeeklyClinic } from './gateway';
import { hisOutpatientRecords, hisWeeklyClinics } from './schema';

/** The HIS kept in our own tables. */
export class BuiltInHis implements HisGateway {
  constructor(private readonly db: Executor) {}

  async weeklyClinics(doctorCode: string): Promise<WeeklyClinic[]> {
    const rows = await this.db
      .select()
      .from(hisWeeklyClinics)
      .where(eq(hisWeeklyClinics.doctorCode, doctorCode))
      .orderBy(asc(hisWeeklyClinics.weekday), asc(hisWeeklyClinics.period));
    return rows.map((r) => ({
      weekday: r.weekday,
      period: r.period as WeeklyClinic['period'],
      clinicType: r.clinicType as WeeklyClinic['clinicType'],
      feeFen: r.feeFen,
    }));
  }

  async findOutpatientRecords({
    cardNumber,
    name,
  }: {
    cardNumber: string;
    name: string;
  }): Promise<OutpatientRecord[]> {
    const [match] = await this.db
      .select()
      .from(hisOutpatientRecords)
      .where(
        and(eq(hisOutpatientRecords.cardNumber, cardNumber), eq(hisOutpatientRecords.name, name)),
      );
    if (!match) return [];
    const records = match.idNumberHash
      ? await this.db
          .select()
          .from(hisOutpatientRecords)
          .where(eq(hisOutpatientRecords.idNumberHash, match.idNumberHash))
      : [match];
    return records.map((r) => ({
      hisPatientId: r.hisPatientId,
      cardNumber: r.cardNumber,
      name: r.name,
      lastVisit: r.lastVisit,
    }));
  }
}
