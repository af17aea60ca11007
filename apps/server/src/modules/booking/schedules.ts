import { and, asc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type {
  AdminSchedule,
  CreateScheduleTemplateBody,
  ScheduleDetail,
  ScheduleSummary,
  ScheduleTemplate,
  Slot,
  UpdateScheduleTemplateBody,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { isUniqueViolation } from '../../lib/sql';
import { addDays, isoWeekday, localDate, zonedInstant } from '../../lib/time';
import { recordAudit } from '../audit/service';
import { departments, doctors } from '../directory/schema';
import { departmentBookingRatios, scheduleTemplates, schedules, slots } from './schema';
import { loadSettings, type SettingsRow } from './settings';

export type ScheduleRow = typeof schedules.$inferSelect;

// ---- Weekly templates ----

function toTemplate(
  row: typeof scheduleTemplates.$inferSelect,
  doctor: { name: string; departmentId: string; departmentName: string },
): ScheduleTemplate {
  return {
    id: row.id,
    doctorId: row.doctorId,
    doctorName: doctor.name,
    departmentId: doctor.departmentId,
    departmentName: doctor.departmentName,
    weekday: row.weekday,
    period: row.period as ScheduleTemplate['period'],
    clinicType: row.clinicType as ScheduleTemplate['clinicType'],
    feeFen: row.feeFen,
    slotCount: row.slotCount,
    startTime: row.startTime,
    endTime: row.endTime,
    onlineRatioPercent: row.onlineRatioPercent,
    active: row.active,
  };
}

const templateColumns = {
  template: scheduleTemplates,
  name: doctors.name,
  departmentId: doctors.departmentId,
  departmentName: departments.name,
};

export async function listTemplates(
  db: Executor,
  filter: { departmentId?: string | undefined; doctorId?: string | undefined },
): Promise<ScheduleTemplate[]> {
  const where: SQL[] = [];
  if (filter.departmentId) where.push(eq(doctors.departmentId, filter.departmentId));
  if (filter.doctorId) where.push(eq(scheduleTemplates.doctorId, filter.doctorId));
  const rows = await db
    .select(templateColumns)
    .from(scheduleTemplates)
    .innerJoin(doctors, eq(doctors.id, scheduleTemplates.doctorId))
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(and(...where))
    .orderBy(asc(departments.name), asc(doctors.name), asc(scheduleTemplates.weekday));
  return rows.map((r) => toTemplate(r.template, r));
}

async function templateById(db: Executor, id: string): Promise<ScheduleTemplate> {
  const [row] = await db
    .select(templateColumns)
    .from(scheduleTemplates)
    .innerJoin(doctors, eq(doctors.id, scheduleTemplates.doctorId))
    .innerJoin(departments, eq(departments.id, doctors.departmentId))
    .where(eq(scheduleTemplates.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  return toTemplate(row.template, row);
}

function checkTimes(startTime: string, endTime: string): void {
  if (endTime <= startTime) throw new DomainError('TEMPLATE_TIME_INVALID');
}

export async function createTemplate(
  deps: Deps,
  meta: RequestMeta,
  body: CreateScheduleTemplateBody,
): Promise<ScheduleTemplate> {
  checkTimes(body.startTime, body.endTime);
  const [doctor] = await deps.db
    .select({ id: doctors.id })
    .from(doctors)
    .where(eq(doctors.id, body.doctorId));
  if (!doctor) throw new DomainError('NOT_FOUND', { field: 'doctorId' });
  let id: string;
  try {
    id = await deps.db.transaction(async (tx) => {
      const [row] = await tx.insert(scheduleTemplates).values(body).returning();
      await recordAudit(tx, meta, {
        action: 'booking.template.create',
        result: 'success',
        objectType: 'schedule_template',
        objectId: row!.id,
        details: { ...body },
      });
      return row!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('TEMPLATE_CONFLICT');
    throw error;
  }
  return templateById(deps.db, id);
}

export async function updateTemplate(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: UpdateScheduleTemplateBody,
): Promise<ScheduleTemplate> {
  const current = await templateById(deps.db, id);
  checkTimes(body.startTime ?? current.startTime, body.endTime ?? current.endTime);
  try {
    await deps.db.transaction(async (tx) => {
      await tx.update(scheduleTemplates).set(body).where(eq(scheduleTemplates.id, id));
      await recordAudit(tx, meta, {
        action: 'booking.template.update',
        result: 'success',
        objectType: 'schedule_template',
        objectId: id,
        details: { ...body },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('TEMPLATE_CONFLICT');
    throw error;
  }
  return templateById(deps.db, id);
}

export async function deleteTemplate(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  await templateById(deps.db, id);
  await deps.db.transaction(async (tx) => {
    await tx.delete(scheduleTemplates).where(eq(scheduleTemplates.id, id));
    await recordAudit(tx, meta, {
      action: 'booking.template.delete',
      result: 'success',
      objectType: 'schedule_template',
      objectId: id,
    });
  });
}

// ---- Schedules and slots ----

/** Whether slot `seq` (1-based) of `count` is in the online pool: `online` spread evenly. */
export function isOnlineSeq(seq: number, count: number, ratioPercent: number): boolean {
  const online = Math.round((count * ratioPercent) / 100);
  return Math.floor((seq * online) / count) > Math.floor(((seq - 1) * online) / count);
}

/** When the online pool of a date opens: the release time, `bookingDays` before the date. */
export function releaseInstant(date: string, settings: SettingsRow, timeZone: string): Date {
  return zonedInstant(addDays(date, -settings.bookingDays), settings.releaseTime, timeZone);
}

/**
 * Makes the schedules (and their slots) of every date up to the last bookable one from the active
 * templates. Idempotent: a doctor's date and period that already has a schedule is left alone, so
 * the job and the admin's button may run at any time, on any instance.
 */
export async function generateSchedules(deps: Deps): Promise<number> {
  const settings = await loadSettings(deps.db);
  const tz = deps.config.timeZone;
  const today = localDate(deps.clock.now(), tz);
  const templates = await deps.db
    .select({
      template: scheduleTemplates,
      departmentId: doctors.departmentId,
      departmentRatio: departmentBookingRatios.onlineRatioPercent,
    })
    .from(scheduleTemplates)
    .innerJoin(doctors, eq(doctors.id, scheduleTemplates.doctorId))
    .leftJoin(
      departmentBookingRatios,
      eq(departmentBookingRatios.departmentId, doctors.departmentId),
    )
    .where(eq(scheduleTemplates.active, true));
  let created = 0;
  for (let offset = 0; offset <= settings.bookingDays; offset++) {
    const date = addDays(today, offset);
    const weekday = isoWeekday(date);
    for (const { template: t, departmentId, departmentRatio } of templates) {
      if (t.weekday !== weekday) continue;
      const startsAt = zonedInstant(date, t.startTime, tz);
      const endsAt = zonedInstant(date, t.endTime, tz);
      const ratio = t.onlineRatioPercent ?? departmentRatio ?? settings.defaultOnlineRatioPercent;
      const made = await deps.db.transaction(async (tx) => {
        const [schedule] = await tx
          .insert(schedules)
          .values({
            doctorId: t.doctorId,
            departmentId,
            templateId: t.id,
            date,
            period: t.period,
            clinicType: t.clinicType,
            feeFen: t.feeFen,
            onlineRatioPercent: ratio,
            startsAt,
            endsAt,
            releaseAt: releaseInstant(date, settings, tz),
          })
          .onConflictDoNothing()
          .returning({ id: schedules.id });
        if (!schedule) return false;
        const span = endsAt.getTime() - startsAt.getTime();
        const minute = 60_000;
        const at = (i: number) =>
          new Date(startsAt.getTime() + Math.floor((span * i) / t.slotCount / minute) * minute);
        await tx.insert(slots).values(
          Array.from({ length: t.slotCount }, (_, i) => ({
            scheduleId: schedule.id,
            seq: i + 1,
            startsAt: at(i),
            endsAt: i + 1 === t.slotCount ? endsAt : at(i + 1),
            pool: isOnlineSeq(i + 1, t.slotCount, ratio) ? 'online' : 'window',
          })),
        );
        return true;
      });
      if (made) created++;
    }
  }
  return created;
}

interface SlotCounts {
  slotCount: number;
  onlineCount: number;
  held: number;
  booked: number;
  onlineFree: number;
  /** Online and free, and not yet over. */
  onlineAvailable: number;
}

async function slotCounts(
  db: Executor,
  scheduleIds: string[],
  now: Date,
): Promise<Map<string, SlotCounts>> {
  if (scheduleIds.length === 0) return new Map();
  const rows = await db
    .select({
      scheduleId: slots.scheduleId,
      slotCount: sql<number>`count(*)::int`,
      onlineCount: sql<number>`count(*) filter (where ${slots.pool} = 'online')::int`,
      held: sql<number>`count(*) filter (where ${slots.status} = 'held')::int`,
      booked: sql<number>`count(*) filter (where ${slots.status} = 'booked')::int`,
      onlineFree: sql<number>`count(*) filter (where ${slots.pool} = 'online' and ${slots.status} = 'free')::int`,
      onlineAvailable: sql<number>`count(*) filter (where ${slots.pool} = 'online' and ${slots.status} = 'free' and ${slots.endsAt} > ${now})::int`,
    })
    .from(slots)
    .where(inArray(slots.scheduleId, scheduleIds))
    .groupBy(slots.scheduleId);
  return new Map(rows.map((r) => [r.scheduleId, r]));
}

const EMPTY_COUNTS: SlotCounts = {
  slotCount: 0,
  onlineCount: 0,
  held: 0,
  booked: 0,
  onlineFree: 0,
  onlineAvailable: 0,
};

/** Open, released and not over: the online pool may be booked now. */
export function scheduleOpenForBooking(
  schedule: Pick<ScheduleRow, 'status' | 'releaseAt' | 'endsAt'>,
  now: Date,
): boolean {
  return schedule.status === 'open' && schedule.releaseAt <= now && schedule.endsAt > now;
}

const summaryColumns = {
  schedule: schedules,
  doctorName: doctors.name,
  doctorTitle: doctors.title,
  departmentName: departments.name,
  departmentLocation: departments.location,
};

type SummaryRow = {
  schedule: ScheduleRow;
  doctorName: string;
  doctorTitle: string;
  departmentName: string;
  departmentLocation: string | null;
};

function toSummary(row: SummaryRow, counts: SlotCounts, now: Date): ScheduleSummary {
  const s = row.schedule;
  const released = s.releaseAt <= now;
  return {
    id: s.id,
    doctor: { id: s.doctorId, name: row.doctorName, title: row.doctorTitle },
    departmentId: s.departmentId,
    departmentName: row.departmentName,
    date: s.date,
    period: s.period as ScheduleSummary['period'],
    clinicType: s.clinicType as ScheduleSummary['clinicType'],
    feeFen: s.feeFen,
    status: s.status as ScheduleSummary['status'],
    releaseAt: s.releaseAt.toISOString(),
    onlineTotal: counts.onlineCount,
    onlineAvailable: released ? counts.onlineAvailable : counts.onlineFree,
    bookable: scheduleOpenForBooking(s, now) && counts.onlineAvailable > 0,
  };
}

/** The schedules patients may look at: today through the last bookable day. */
export async function publicSchedules(
  deps: Deps,
  filter: {
    departmentId?: string | undefined;
    doctorId?: string | undefined;
    date?: string | undefined;
  },
): Promise<ScheduleSummary[]> {
  const settings = await loadSettings(deps.db);
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timeZone);
  const where: SQL[] = [
    gte(schedules.date, today),
    lte(schedules.date, addDays(today, settings.bookingDays)),
  ];
  if (filter.departmentId) where.push(eq(schedules.departmentId, filter.departmentId));
  if (filter.doctorId) where.push(eq(schedules.doctorId, filter.doctorId));
  if (filter.date) where.push(eq(schedules.date, filter.date));
  const rows = await deps.db
    .select(summaryColumns)
    .from(schedules)
    .innerJoin(doctors, eq(doctors.id, schedules.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .where(and(...where))
    .orderBy(
      asc(schedules.date),
      asc(schedules.startsAt),
      asc(doctors.sortOrder),
      asc(doctors.name),
    )
    .limit(500);
  const counts = await slotCounts(
    deps.db,
    rows.map((r) => r.schedule.id),
    now,
  );
  return rows.map((r) => toSummary(r, counts.get(r.schedule.id) ?? EMPTY_COUNTS, now));
}

export async function publicSchedule(deps: Deps, id: string): Promise<ScheduleDetail> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select(summaryColumns)
    .from(schedules)
    .innerJoin(doctors, eq(doctors.id, schedules.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .where(eq(schedules.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const counts = (await slotCounts(deps.db, [id], now)).get(id) ?? EMPTY_COUNTS;
  const online = await deps.db
    .select()
    .from(slots)
    .where(and(eq(slots.scheduleId, id), eq(slots.pool, 'online')))
    .orderBy(asc(slots.seq));
  const open = scheduleOpenForBooking(row.schedule, now);
  return {
    ...toSummary(row, counts, now),
    departmentLocation: row.departmentLocation,
    slots: online.map((s): Slot => ({
      id: s.id,
      seq: s.seq,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      available: open && s.status === 'free' && s.endsAt > now,
    })),
  };
}

// ---- Administration ----

export async function adminSchedules(
  deps: Deps,
  query: {
    page?: number | undefined;
    pageSize?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
    departmentId?: string | undefined;
    doctorId?: string | undefined;
    status?: 'open' | 'stopped' | undefined;
  },
  stopProgress: (scheduleId: string) => Promise<AdminSchedule['stopProgress']>,
): Promise<{ items: AdminSchedule[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where: SQL[] = [];
  if (query.from) where.push(gte(schedules.date, query.from));
  if (query.to) where.push(lte(schedules.date, query.to));
  if (query.departmentId) where.push(eq(schedules.departmentId, query.departmentId));
  if (query.doctorId) where.push(eq(schedules.doctorId, query.doctorId));
  if (query.status) where.push(eq(schedules.status, query.status));
  const [{ total } = { total: 0 }] = await deps.db
    .select({ total: sql<number>`count(*)::int` })
    .from(schedules)
    .where(and(...where));
  const rows = await deps.db
    .select(summaryColumns)
    .from(schedules)
    .innerJoin(doctors, eq(doctors.id, schedules.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .where(and(...where))
    .orderBy(asc(schedules.date), asc(schedules.startsAt), asc(doctors.name))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const now = deps.clock.now();
  const counts = await slotCounts(
    deps.db,
    rows.map((r) => r.schedule.id),
    now,
  );
  const items = await Promise.all(
    rows.map((r) => toAdmin(r, counts.get(r.schedule.id) ?? EMPTY_COUNTS, stopProgress)),
  );
  return { items, total };
}

async function toAdmin(
  row: SummaryRow,
  counts: SlotCounts,
  stopProgress: (scheduleId: string) => Promise<AdminSchedule['stopProgress']>,
): Promise<AdminSchedule> {
  const s = row.schedule;
  return {
    id: s.id,
    doctorId: s.doctorId,
    doctorName: row.doctorName,
    departmentId: s.departmentId,
    departmentName: row.departmentName,
    date: s.date,
    period: s.period as AdminSchedule['period'],
    clinicType: s.clinicType as AdminSchedule['clinicType'],
    feeFen: s.feeFen,
    status: s.status as AdminSchedule['status'],
    onlineRatioPercent: s.onlineRatioPercent,
    releaseAt: s.releaseAt.toISOString(),
    slotCount: counts.slotCount,
    onlineCount: counts.onlineCount,
    held: counts.held,
    booked: counts.booked,
    onlineAvailable: counts.onlineAvailable,
    stopReason: s.stopReason,
    stoppedAt: s.stoppedAt?.toISOString() ?? null,
    stopProgress: s.status === 'stopped' ? await stopProgress(s.id) : null,
  };
}

export async function adminSchedule(
  deps: Deps,
  id: string,
  stopProgress: (scheduleId: string) => Promise<AdminSchedule['stopProgress']>,
): Promise<AdminSchedule> {
  const [row] = await deps.db
    .select(summaryColumns)
    .from(schedules)
    .innerJoin(doctors, eq(doctors.id, schedules.doctorId))
    .innerJoin(departments, eq(departments.id, schedules.departmentId))
    .where(eq(schedules.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  const counts = (await slotCounts(deps.db, [id], deps.clock.now())).get(id) ?? EMPTY_COUNTS;
  return toAdmin(row, counts, stopProgress);
}

/**
 * Changes a schedule's online share. Taken slots stay where they are; the free ones are dealt
 * again so that the online pool holds the new share (as nearly as the taken slots allow).
 */
export async function changeOnlineRatio(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  percent: number,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [schedule] = await tx.select().from(schedules).where(eq(schedules.id, id)).for('update');
    if (!schedule) throw new DomainError('NOT_FOUND');
    if (schedule.status !== 'open') throw new DomainError('SCHEDULE_STOPPED');
    const all = await tx
      .select()
      .from(slots)
      .where(eq(slots.scheduleId, id))
      .orderBy(asc(slots.seq))
      .for('update');
    const target = Math.round((all.length * percent) / 100);
    const takenOnline = all.filter((s) => s.pool === 'online' && s.status !== 'free').length;
    let onlineLeft = Math.max(0, target - takenOnline);
    const free = all.filter((s) => s.status === 'free');
    const freeOnline = free.filter((s) => isOnlineSeq(s.seq, all.length, percent));
    const freeOther = free.filter((s) => !isOnlineSeq(s.seq, all.length, percent));
    const online = new Set<string>();
    for (const s of [...freeOnline, ...freeOther]) {
      if (onlineLeft === 0) break;
      online.add(s.id);
      onlineLeft--;
    }
    const toOnline = free.filter((s) => online.has(s.id)).map((s) => s.id);
    const toWindow = free.filter((s) => !online.has(s.id)).map((s) => s.id);
    if (toOnline.length)
      await tx.update(slots).set({ pool: 'online' }).where(inArray(slots.id, toOnline));
    if (toWindow.length)
      await tx.update(slots).set({ pool: 'window' }).where(inArray(slots.id, toWindow));
    await tx.update(schedules).set({ onlineRatioPercent: percent }).where(eq(schedules.id, id));
    await recordAudit(tx, meta, {
      action: 'booking.schedule.ratio',
      result: 'success',
      objectType: 'schedule',
      objectId: id,
      details: { from: schedule.onlineRatioPercent, to: percent },
    });
  });
}
