import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type {
  AdminReportBody,
  JoinBody,
  OpenTicketNotice,
  Reporter,
  ReportBody,
  ReportContext,
  ReporterContactBody,
  ReportResult,
  TicketStatus,
  Urgency,
} from '@zhangyi/contracts';
import type { Static } from 'typebox';
import type { Deps, RequestMeta } from '../../context';
import type { Executor, Tx } from '../../db/client';
import { DomainError } from '../../http/errors';
import { maskPhone } from '../../lib/pii';
import { containsPattern } from '../../lib/sql';
import { localDate } from '../../lib/time';
import { staffAccounts } from '../accounts/schema';
import { recordAudit } from '../audit/service';
import { departments } from '../directory/schema';
import { deviceRow } from '../equipment/devices';
import { deviceOfLabel, equipmentSettingsOf } from '../equipment/labels';
import { equipmentDevices } from '../equipment/schema';
import { ticketActor, type TicketActor } from './actor';
import { chooseGroup, slaTargets } from './dispatch';
import { faultTypeOptions, usableFaultType } from './fault-types';
import { OPEN_STATUSES, recordTicketEvent, type TicketRow } from './lifecycle';
import { noticeNewTicket } from './notices';
import { attachPhotos, checkPhotos } from './photos';
import {
  ticketCounters,
  ticketEvents,
  ticketFaultTypes,
  ticketFollowers,
  ticketReporters,
  tickets,
} from './schema';
import { faultName, repairDevice, ticketDetail } from './views';

// ——— Who reports ———

function wechatOnly(actor: TicketActor): string {
  if (!actor.openid) throw new DomainError('UNAUTHENTICATED');
  return actor.openid;
}

async function departmentName(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db
    .select({ name: departments.name })
    .from(departments)
    .where(eq(departments.id, id));
  return row?.name ?? null;
}

/** Bound staff report without a form; others give name, phone and department once. */
export async function reporterOf(deps: Deps, actor: TicketActor): Promise<Reporter> {
  const openid = wechatOnly(actor);
  const [profile] = await deps.db
    .select()
    .from(ticketReporters)
    .where(eq(ticketReporters.openid, openid));
  if (actor.accountId) {
    const [account] = await deps.db
      .select({ phone: staffAccounts.phoneEncrypted })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, actor.accountId));
    const phone = profile?.phoneEncrypted ?? account?.phone ?? null;
    return {
      kind: 'staff',
      name: actor.name,
      phoneMasked: phone ? maskPhone(deps.pii.decrypt(phone)) : null,
      departmentId: profile?.departmentId ?? null,
      departmentName: await departmentName(deps.db, profile?.departmentId ?? null),
    };
  }
  if (!profile)
    return { kind: 'new', name: null, phoneMasked: null, departmentId: null, departmentName: null };
  return {
    kind: 'known',
    name: profile.name,
    phoneMasked: maskPhone(deps.pii.decrypt(profile.phoneEncrypted)),
    departmentId: profile.departmentId,
    departmentName: await departmentName(deps.db, profile.departmentId),
  };
}

async function saveProfile(deps: Deps, db: Executor, openid: string, body: ReporterContactBody) {
  const [dept] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(eq(departments.id, body.departmentId));
  if (!dept) throw new DomainError('NOT_FOUND', { field: 'departmentId' });
  const values = {
    name: body.name.trim(),
    phoneEncrypted: deps.pii.encrypt(body.phone),
    phoneHash: deps.pii.lookupHash(body.phone),
    departmentId: body.departmentId,
    updatedAt: deps.clock.now(),
  };
  await db
    .insert(ticketReporters)
    .values({ openid, ...values })
    .onConflictDoUpdate({ target: ticketReporters.openid, set: values });
}

/** Changes the remembered contact details of the calling reporter. */
export async function saveContact(deps: Deps, meta: RequestMeta, body: ReporterContactBody) {
  const actor = await ticketActor(deps, meta);
  await saveProfile(deps, deps.db, wechatOnly(actor), body);
  return reporterOf(deps, await ticketActor(deps, meta));
}

/**
 * The name and phone a report carries: the staff account's, or the reporter's remembered (or
 * just given) details. A new reporter without details is refused with REPORTER_CONTACT_REQUIRED.
 */
async function contactFor(
  deps: Deps,
  actor: TicketActor,
  contact: ReporterContactBody | undefined,
): Promise<{ name: string; phoneEncrypted: string | null; departmentId: string | null }> {
  const openid = wechatOnly(actor);
  if (contact) await saveProfile(deps, deps.db, openid, contact);
  const [profile] = await deps.db
    .select()
    .from(ticketReporters)
    .where(eq(ticketReporters.openid, openid));
  if (actor.accountId) {
    const [account] = await deps.db
      .select({ phone: staffAccounts.phoneEncrypted })
      .from(staffAccounts)
      .where(eq(staffAccounts.id, actor.accountId));
    return {
      name: actor.name,
      phoneEncrypted: profile?.phoneEncrypted ?? account?.phone ?? null,
      departmentId: profile?.departmentId ?? null,
    };
  }
  if (!profile) throw new DomainError('REPORTER_CONTACT_REQUIRED');
  return {
    name: profile.name,
    phoneEncrypted: profile.phoneEncrypted,
    departmentId: profile.departmentId,
  };
}

// ——— What the report page shows ———

async function openTicketNotice(
  db: Executor,
  actor: TicketActor,
  deviceId: string,
): Promise<Static<typeof OpenTicketNotice> | null> {
  const [row] = await db
    .select({
      ticket: tickets,
      faultName: ticketFaultTypes.name,
      followerCount: sql<number>`(select count(*)::int from ticket_followers f where f.ticket_id = ${tickets.id})`,
    })
    .from(tickets)
    .leftJoin(ticketFaultTypes, eq(ticketFaultTypes.id, tickets.faultTypeId))
    .where(and(eq(tickets.deviceId, deviceId), inArray(tickets.status, OPEN_STATUSES)));
  if (!row) return null;
  const [joined] = actor.openid
    ? await db
        .select({ openid: ticketFollowers.openid })
        .from(ticketFollowers)
        .where(
          and(
            eq(ticketFollowers.ticketId, row.ticket.id),
            eq(ticketFollowers.openid, actor.openid),
          ),
        )
    : [];
  return {
    id: row.ticket.id,
    no: row.ticket.no,
    status: row.ticket.status as TicketStatus,
    faultTypeName: faultName(row.faultName, null),
    description: row.ticket.description,
    createdAt: row.ticket.createdAt.toISOString(),
    followerCount: row.followerCount,
    involved: !!joined || (actor.openid !== null && row.ticket.reporterOpenid === actor.openid),
  };
}

/** The report page's context for a device (after a scan or a choice). */
export async function deviceContext(
  deps: Deps,
  meta: RequestMeta,
  deviceId: string,
): Promise<ReportContext> {
  const actor = await ticketActor(deps, meta);
  const row = await deviceRow(deps.db, deviceId);
  if (!row) throw new DomainError('NOT_FOUND');
  if (row.status === 'retired') throw new DomainError('DEVICE_RETIRED');
  const { repairHotline } = await equipmentSettingsOf(deps.db);
  return {
    device: (await repairDevice(deps.db, deviceId))!,
    openTicket: await openTicketNotice(deps.db, actor, deviceId),
    faultTypes: await faultTypeOptions(deps.db, row.categoryId),
    reporter: await reporterOf(deps, actor),
    hotline: repairHotline,
  };
}

/** The report page's context after a label scan: LABEL_REVOKED for a revoked label. */
export async function labelContext(
  deps: Deps,
  meta: RequestMeta,
  token: string,
): Promise<ReportContext> {
  return deviceContext(deps, meta, await deviceOfLabel(deps.db, token));
}

/** Devices of a department in service, to report one without its label. */
export async function departmentDevices(deps: Deps, departmentId: string, q: string | undefined) {
  const rows = await deps.db
    .select({ id: equipmentDevices.id })
    .from(equipmentDevices)
    .where(
      and(
        eq(equipmentDevices.departmentId, departmentId),
        inArray(equipmentDevices.status, ['in_use', 'idle']),
        q
          ? or(
              ilike(equipmentDevices.assetNo, containsPattern(q)),
              ilike(equipmentDevices.name, containsPattern(q)),
              ilike(equipmentDevices.location, containsPattern(q)),
            )
          : undefined,
      ),
    )
    .orderBy(equipmentDevices.name, equipmentDevices.assetNo)
    .limit(200);
  const out = [];
  for (const r of rows) out.push((await repairDevice(deps.db, r.id))!);
  return out;
}

/** Departments for the contact form and the device choice. */
export async function repairDepartments(db: Executor) {
  return db
    .select({ id: departments.id, parentId: departments.parentId, name: departments.name })
    .from(departments)
    .orderBy(departments.sortOrder, departments.name);
}

// ——— Submitting ———

/** The next number of the day: BX + local date + at least three digits. */
async function nextTicketNo(tx: Executor, day: string): Promise<string> {
  const [row] = await tx
    .insert(ticketCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({
      target: ticketCounters.day,
      set: { last: sql`${ticketCounters.last} + 1` },
    })
    .returning({ last: ticketCounters.last });
  return `BX${day.replace(/-/g, '')}${String(row!.last).padStart(3, '0')}`;
}

/**
 * The ticket a submission with this client key already made or joined, if any: a repeated submit
 * must not add a second ticket, nor a second join to someone else's.
 */
async function ticketByClientKey(
  db: Executor,
  actor: TicketActor,
  clientKey: string,
): Promise<{ id: string; outcome: 'created' | 'joined' } | undefined> {
  const owner = actor.openid ?? actor.accountId!;
  const [created] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        sql`coalesce(${tickets.reporterOpenid}, ${tickets.reporterAccountId}::text) = ${owner}`,
        eq(tickets.clientKey, clientKey),
      ),
    );
  if (created) return { id: created.id, outcome: 'created' };
  const [joined] = await db
    .select({ id: ticketEvents.ticketId })
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.action, 'join'),
        sql`coalesce(${ticketEvents.actorOpenid}, ${ticketEvents.actorAccountId}::text) = ${owner}`,
        sql`${ticketEvents.details}->>'clientKey' = ${clientKey}`,
      ),
    );
  return joined ? { id: joined.id, outcome: 'joined' } : undefined;
}

interface NewTicket {
  deviceId: string | null;
  categoryId: string | null;
  departmentId: string;
  faultTypeId: string | null;
  description: string | null;
  urgency: Urgency;
  source: 'label' | 'h5' | 'message' | 'admin';
  reporterName: string;
  reporterPhoneEncrypted: string | null;
  clientKey: string | null;
  photoIds: string[];
}

/** Inserts a submitted ticket with its first event, photos and the engineers' notices. */
async function insertTicket(
  deps: Deps,
  tx: Tx,
  actor: TicketActor,
  input: NewTicket,
): Promise<TicketRow> {
  const now = deps.clock.now();
  const sla = (await slaTargets(tx)).find((t) => t.urgency === input.urgency)!;
  const [ticket] = await tx
    .insert(tickets)
    .values({
      no: await nextTicketNo(tx, localDate(now, deps.config.timeZone)),
      deviceId: input.deviceId,
      departmentId: input.departmentId,
      categoryId: input.categoryId,
      faultTypeId: input.faultTypeId,
      description: input.description,
      urgency: input.urgency,
      status: 'submitted',
      source: input.source,
      reporterOpenid: actor.openid,
      reporterAccountId: actor.accountId,
      reporterName: input.reporterName,
      reporterPhoneEncrypted: input.reporterPhoneEncrypted,
      clientKey: input.clientKey,
      groupId: await chooseGroup(tx, input.categoryId, input.departmentId),
      acceptDueAt: new Date(now.getTime() + sla.acceptMinutes * 60_000),
      resolveDueAt: new Date(now.getTime() + sla.resolveMinutes * 60_000),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const eventId = await recordTicketEvent(tx, {
    ticketId: ticket!.id,
    action: 'submit',
    from: null,
    to: 'submitted',
    actor,
    at: now,
    note: input.description,
    details: { source: input.source },
  });
  await attachPhotos(tx, actor, input.photoIds, ticket!.id, eventId);
  await noticeNewTicket(deps, tx, ticket!, actor.openid);
  return ticket!;
}

/** Adds the actor to an open ticket (我也遇到), with their note and photos as one event. */
async function joinOpen(
  deps: Deps,
  tx: Tx,
  actor: TicketActor,
  ticket: TicketRow,
  name: string,
  note: string | null,
  photoIds: string[],
  clientKey?: string,
): Promise<void> {
  const now = deps.clock.now();
  const isReporter = actor.openid !== null && ticket.reporterOpenid === actor.openid;
  const added =
    isReporter || !actor.openid
      ? []
      : await tx
          .insert(ticketFollowers)
          .values({ ticketId: ticket.id, openid: actor.openid, name, joinedAt: now })
          .onConflictDoNothing()
          .returning();
  if (added.length === 0 && !note && photoIds.length === 0) return;
  const eventId = await recordTicketEvent(tx, {
    ticketId: ticket.id,
    action: 'join',
    from: ticket.status as TicketStatus,
    to: ticket.status as TicketStatus,
    actor,
    at: now,
    note,
    details: clientKey ? { clientKey } : {},
  });
  await attachPhotos(tx, actor, photoIds, ticket.id, eventId);
}

async function lockKeys(tx: Tx, keys: string[]): Promise<void> {
  for (const key of keys.sort())
    await tx.execute(sql`select pg_advisory_xact_lock(7240300, hashtext(${key}))`);
}

/**
 * Reports a fault from WeChat. The same clientKey gives back the same ticket (a double tap, a
 * retried request); a device that already has an open ticket gets the report joined to it instead
 * of a duplicate — the database holds one open ticket per device.
 */
export async function submitReport(
  deps: Deps,
  meta: RequestMeta,
  body: ReportBody,
): Promise<ReportResult> {
  const actor = await ticketActor(deps, meta);
  const openid = wechatOnly(actor);
  const existing = await ticketByClientKey(deps.db, actor, body.clientKey);
  if (existing)
    return {
      outcome: existing.outcome,
      ticket: await ticketDetail(deps, meta, actor, existing.id),
    };

  const deviceId = body.labelToken
    ? await deviceOfLabel(deps.db, body.labelToken)
    : (body.deviceId ?? null);
  const device = deviceId ? await deviceRow(deps.db, deviceId) : undefined;
  if (deviceId && !device) throw new DomainError('NOT_FOUND', { field: 'deviceId' });
  if (device?.status === 'retired') throw new DomainError('DEVICE_RETIRED');
  const contact = await contactFor(deps, actor, body.contact);
  const departmentId = device?.departmentId ?? body.departmentId ?? contact.departmentId;
  if (!departmentId)
    throw new DomainError('VALIDATION_FAILED', [
      { in: 'body', field: 'departmentId', problem: 'required' },
    ]);
  if (!device && body.departmentId && !(await departmentName(deps.db, body.departmentId)))
    throw new DomainError('NOT_FOUND', { field: 'departmentId' });
  const fault = body.faultTypeId
    ? await usableFaultType(deps.db, body.faultTypeId, device?.categoryId ?? null)
    : undefined;
  await checkPhotos(deps.db, actor, body.photoIds);

  const result = await deps.db.transaction(async (tx) => {
    await lockKeys(tx, [
      `client:${openid}:${body.clientKey}`,
      ...(deviceId ? [`device:${deviceId}`] : []),
    ]);
    const again = await ticketByClientKey(tx, actor, body.clientKey);
    if (again) return again;
    if (deviceId) {
      const [open] = await tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.deviceId, deviceId), inArray(tickets.status, OPEN_STATUSES)))
        .for('update');
      if (open) {
        await joinOpen(
          deps,
          tx,
          actor,
          open,
          contact.name,
          body.description ?? null,
          body.photoIds,
          body.clientKey,
        );
        return { outcome: 'joined' as const, id: open.id };
      }
    }
    const ticket = await insertTicket(deps, tx, actor, {
      deviceId,
      categoryId: device?.categoryId ?? null,
      departmentId,
      faultTypeId: fault?.id ?? null,
      description: body.description?.trim() || null,
      urgency: body.urgency ?? fault?.defaultUrgency ?? 'normal',
      source: body.labelToken ? 'label' : 'h5',
      reporterName: contact.name,
      reporterPhoneEncrypted: contact.phoneEncrypted,
      clientKey: body.clientKey,
      photoIds: body.photoIds,
    });
    return { outcome: 'created' as const, id: ticket.id };
  });
  return { outcome: result.outcome, ticket: await ticketDetail(deps, meta, actor, result.id) };
}

/** 我也遇到 on an open ticket: the caller hears of its progress like the reporter. */
export async function joinTicket(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: Static<typeof JoinBody>,
) {
  const actor = await ticketActor(deps, meta);
  const contact = await contactFor(deps, actor, body.contact);
  await deps.db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
    if (!ticket) throw new DomainError('NOT_FOUND');
    if (!OPEN_STATUSES.includes(ticket.status as TicketStatus))
      throw new DomainError('TICKET_STATE', { status: ticket.status, action: 'join' });
    await joinOpen(deps, tx, actor, ticket, contact.name, body.note?.trim() || null, []);
  });
  return ticketDetail(deps, meta, actor, id);
}

/** A report taken by phone at the help desk; the staff member who records it stands as reporter. */
export async function recordPhoneReport(deps: Deps, meta: RequestMeta, body: AdminReportBody) {
  const actor = await ticketActor(deps, meta);
  const device = body.deviceId ? await deviceRow(deps.db, body.deviceId) : undefined;
  if (body.deviceId && !device) throw new DomainError('NOT_FOUND', { field: 'deviceId' });
  if (device?.status === 'retired') throw new DomainError('DEVICE_RETIRED');
  const departmentId = device?.departmentId ?? body.departmentId;
  if (!departmentId)
    throw new DomainError('VALIDATION_FAILED', [
      { in: 'body', field: 'departmentId', problem: 'required' },
    ]);
  const fault = body.faultTypeId
    ? await usableFaultType(deps.db, body.faultTypeId, device?.categoryId ?? null)
    : undefined;
  const id = await deps.db.transaction(async (tx) => {
    if (device) {
      await lockKeys(tx, [`device:${device.id}`]);
      const [open] = await tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.deviceId, device.id), inArray(tickets.status, OPEN_STATUSES)))
        .for('update');
      if (open) {
        const note = `电话报修（${body.reporterName.trim()}）：${body.description.trim()}`;
        await joinOpen(deps, tx, actor, open, actor.name, note, []);
        return open.id;
      }
    }
    const ticket = await insertTicket(deps, tx, actor, {
      deviceId: device?.id ?? null,
      categoryId: device?.categoryId ?? null,
      departmentId,
      faultTypeId: fault?.id ?? null,
      description: body.description.trim(),
      urgency: body.urgency ?? fault?.defaultUrgency ?? 'normal',
      source: 'admin',
      reporterName: body.reporterName.trim(),
      reporterPhoneEncrypted: body.reporterPhone ? deps.pii.encrypt(body.reporterPhone) : null,
      clientKey: null,
      photoIds: [],
    });
    await recordAudit(tx, meta, {
      action: 'ticket.create',
      result: 'success',
      objectType: 'ticket',
      objectId: ticket.id,
    });
    return ticket.id;
  });
  return ticketDetail(deps, meta, actor, id);
}

/** Fault types when no device is chosen (those for every device). */
export async function genericFaultTypes(db: Executor) {
  return faultTypeOptions(db, null);
}
