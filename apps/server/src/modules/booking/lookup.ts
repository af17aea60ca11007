import { sql } from 'drizzle-orm';
import type { BookBody } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { batchedLoader } from '../../lib/batch';
import { rowsOf } from '../../lib/sql';
import type { patients } from '../patients/schema';
import type { schedules } from './schema';
import type { SettingsRow } from './settings';
import { scheduleOpenForBooking } from './schedules';

/**
 * Real-name binding: a resident ID card (its check digit verified at binding) or a record the
 * hospital made after seeing the document in person. Other documents must be seen at the window.
 */
export function realNameVerified(
  patient: Pick<typeof patients.$inferSelect, 'idType' | 'hisPatientId'>,
): boolean {
  return patient.idType === 'resident_id' || patient.hisPatientId !== null;
}

/** What a booking is decided on (see `bookingLookup`). */
export interface BookingLookup {
  patient: Pick<
    typeof patients.$inferSelect,
    'id' | 'name' | 'idType' | 'hisPatientId' | 'idNumberHash'
  >;
  schedule: Pick<
    typeof schedules.$inferSelect,
    'id' | 'doctorId' | 'date' | 'feeFen' | 'status' | 'releaseAt' | 'endsAt'
  >;
  settings: Pick<
    SettingsRow,
    | 'holdMinutes'
    | 'maxPerPatientPerDay'
    | 'maxPerPatientPerWeek'
    | 'noShowLimit'
    | 'noShowWindowDays'
    | 'noShowBanDays'
  >;
  anyFree: boolean;
  doctorName: string;
  doctorTitle: string;
  departmentName: string;
  departmentLocation: string | null;
  period: string;
  clinicType: string;
}

interface LookupKey {
  openid: string;
  patientId: string;
  scheduleId: string;
  slotId: string | null;
  now: Date;
}
type LookupRow = Record<string, unknown>;
const lookupLoaders = new WeakMap<
  Deps['db'],
  (key: LookupKey) => Promise<BookingLookup | undefined>
>();

/** The look-ups of bookings that arrive together (a release instant) share one query. */
function lookupLoader(deps: Deps) {
  let load = lookupLoaders.get(deps.db);
  if (!load) {
    load = batchedLoader(async (keys: LookupKey[]) => {
      const wanted = sql.join(
        keys.map(
          (k, n) =>
            sql`(${n}::int, ${k.openid}::text, ${k.patientId}::uuid, ${k.scheduleId}::uuid,
              ${k.slotId}::uuid, ${k.now}::timestamptz)`,
        ),
        sql`, `,
      );
      const rows = rowsOf<LookupRow>(
        await deps.db.execute(sql`
          with wanted (n, openid, patient_id, schedule_id, slot_id, now) as (values ${wanted})
          select w.n, p.id as patient_id, p.name as patient_name, p.id_type, p.his_patient_id,
            p.id_number_hash, s.id as schedule_id, s.doctor_id, s.date::text as date, s.fee_fen,
            s.status, s.release_at, s.ends_at, s.period, s.clinic_type, d.name as doctor_name,
            d.title as doctor_title, dep.name as department_name,
            dep.location as department_location, b.hold_minutes, b.max_per_patient_per_day,
            b.max_per_patient_per_week, b.no_show_limit, b.no_show_window_days,
            b.no_show_ban_days,
            (select count(*) from slots f where f.schedule_id = s.id and f.pool = 'online'
              and f.status = 'free' and f.ends_at > w.now
              and (w.slot_id is null or f.id = w.slot_id))::int as free_count
          from wanted w
            join patients p on p.id = w.patient_id and p.owner_openid = w.openid
              and p.unbound_at is null
            join schedules s on s.id = w.schedule_id
            join doctors d on d.id = s.doctor_id
            join departments dep on dep.id = s.department_id
            cross join booking_settings b
          where b.id = 1`),
      );
      const found = new Map(rows.map((r) => [Number(r.n), lookupOf(r)]));
      const freeCount = new Map(rows.map((r) => [Number(r.n), Number(r.free_count)]));
      // Of the bookings of one schedule (or slot) that arrive together and may book, only as many
      // go on to claim as there are free slots; the others are refused without a claim that
      // would fail.
      const left = new Map<string, number>();
      keys.forEach((key, n) => {
        const lookup = found.get(n);
        if (!lookup?.anyFree) return;
        if (!realNameVerified(lookup.patient)) return;
        if (!scheduleOpenForBooking(lookup.schedule, key.now)) return;
        const wanted = `${lookup.schedule.id} ${key.slotId ?? ''}`;
        const free = left.get(wanted) ?? freeCount.get(n)!;
        lookup.anyFree = free > 0;
        left.set(wanted, free - 1);
      });
      return keys.map((_, n) => found.get(n));
    });
    lookupLoaders.set(deps.db, load);
  }
  return load;
}

/**
 * Everything a booking needs to decide, in one query: the user's own bound patient, the schedule
 * with its doctor and department, the rules, and whether a free online slot is left for it.
 * Undefined when the patient or the schedule is not found (then `refuseLookup` says which).
 */
export function bookingLookup(
  deps: Deps,
  openid: string,
  body: BookBody,
  now: Date,
): Promise<BookingLookup | undefined> {
  return lookupLoader(deps)({
    openid,
    patientId: body.patientId,
    scheduleId: body.scheduleId,
    slotId: body.slotId ?? null,
    now,
  });
}

function lookupOf(row: LookupRow): BookingLookup {
  return {
    patient: {
      id: row.patient_id as string,
      name: row.patient_name as string,
      idType: row.id_type as string,
      hisPatientId: row.his_patient_id as string | null,
      idNumberHash: row.id_number_hash as string,
    },
    schedule: {
      id: row.schedule_id as string,
      doctorId: row.doctor_id as string,
      date: row.date as string,
      feeFen: Number(row.fee_fen),
      status: row.status as string,
      releaseAt: new Date(row.release_at as string),
      endsAt: new Date(row.ends_at as string),
    },
    settings: {
      holdMinutes: Number(row.hold_minutes),
      maxPerPatientPerDay: Number(row.max_per_patient_per_day),
      maxPerPatientPerWeek: Number(row.max_per_patient_per_week),
      noShowLimit: Number(row.no_show_limit),
      noShowWindowDays: Number(row.no_show_window_days),
      noShowBanDays: Number(row.no_show_ban_days),
    },
    anyFree: Number(row.free_count) > 0,
    doctorName: row.doctor_name as string,
    doctorTitle: row.doctor_title as string,
    departmentName: row.department_name as string,
    departmentLocation: row.department_location as string | null,
    period: row.period as string,
    clinicType: row.clinic_type as string,
  };
}
