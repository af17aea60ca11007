import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { staffAccounts } from '../accounts/schema';
import { departments } from '../directory/schema';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Fault types (故障类型) in a two-level tree. A type may be limited to a category of devices (and
 * its sub-categories); `defaultUrgency` sets the SLA of tickets reported with it.
 */
export const ticketFaultTypes = pgTable(
  'ticket_fault_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => ticketFaultTypes.id, {
      onDelete: 'restrict',
    }),
    name: text('name').notNull(),
    categoryId: uuid('category_id').references(() => equipmentCategories.id, {
      onDelete: 'restrict',
    }),
    defaultUrgency: text('default_urgency').notNull().default('normal'),
    sortOrder: integer('sort_order').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ticket_fault_types_urgency', sql`${t.defaultUrgency} in ('normal','urgent','critical')`),
    index('ticket_fault_types_parent_idx').on(t.parentId),
  ],
);

/** Engineer groups (desktop, network, printers, medical engineering…) that tickets go to. */
export const ticketGroups = pgTable('ticket_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Members of a group; leads receive the SLA escalations of the group. */
export const ticketGroupMembers = pgTable(
  'ticket_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => ticketGroups.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    isLead: boolean('is_lead').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.accountId] }),
    index('ticket_group_members_account_idx').on(t.accountId),
  ],
);

/**
 * Which group a new ticket goes to: the most specific rule matching the device's category (or an
 * ancestor) and the ticket's department wins; a rule with neither is the default.
 */
export const ticketDispatchRules = pgTable(
  'ticket_dispatch_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id').references(() => equipmentCategories.id, {
      onDelete: 'cascade',
    }),
    departmentId: uuid('department_id').references(() => departments.id, {
      onDelete: 'cascade',
    }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => ticketGroups.id, { onDelete: 'cascade' }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('ticket_dispatch_rules_match_idx').on(
      sql`coalesce(${t.categoryId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.departmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** The on-duty roster: who of a group is on duty from when to when (shifts may cross midnight). */
export const ticketDutyShifts = pgTable(
  'ticket_duty_shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => ticketGroups.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('ticket_duty_shifts_order', sql`${t.endsAt} > ${t.startsAt}`),
    index('ticket_duty_shifts_time_idx').on(t.groupId, t.startsAt),
  ],
);

/** SLA targets per urgency: minutes to accept and to resolve, counted from submission. */
export const ticketSlaTargets = pgTable(
  'ticket_sla_targets',
  {
    urgency: text('urgency').primaryKey(),
    acceptMinutes: integer('accept_minutes').notNull(),
    resolveMinutes: integer('resolve_minutes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ticket_sla_targets_urgency', sql`${t.urgency} in ('normal','urgent','critical')`),
    check(
      'ticket_sla_targets_positive',
      sql`${t.acceptMinutes} > 0 and ${t.resolveMinutes} >= ${t.acceptMinutes}`,
    ),
  ],
);

/** Contact details an unbound reporter gave once, remembered per OpenID (phone encrypted). */
export const ticketReporters = pgTable('ticket_reporters', {
  openid: text('openid').primaryKey(),
  name: text('name').notNull(),
  phoneEncrypted: text('phone_encrypted').notNull(),
  phoneHash: text('phone_hash').notNull(),
  departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Per-day counters behind ticket numbers (BX20261125001), in the hospital's time zone. */
export const ticketCounters = pgTable('ticket_counters', {
  day: date('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * A fault report and its repair (工单). `status` is the state of the machine in lifecycle.ts; every
 * change is a row in ticket_events, from which all durations are computed. Department and category
 * are copied at submission so statistics keep the facts of the day the fault was reported.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    no: text('no').notNull().unique(),
    deviceId: uuid('device_id').references(() => equipmentDevices.id, { onDelete: 'restrict' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    categoryId: uuid('category_id').references(() => equipmentCategories.id, {
      onDelete: 'restrict',
    }),
    faultTypeId: uuid('fault_type_id').references(() => ticketFaultTypes.id, {
      onDelete: 'restrict',
    }),
    description: text('description'),
    urgency: text('urgency').notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    reporterOpenid: text('reporter_openid'),
    reporterAccountId: uuid('reporter_account_id').references(() => staffAccounts.id, {
      onDelete: 'set null',
    }),
    reporterName: text('reporter_name').notNull(),
    reporterPhoneEncrypted: text('reporter_phone_encrypted'),
    /** The client's key of one submission: a repeated submit yields the same ticket. */
    clientKey: text('client_key'),
    groupId: uuid('group_id').references(() => ticketGroups.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => staffAccounts.id, { onDelete: 'set null' }),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => tickets.id, {
      onDelete: 'restrict',
    }),
    resolution: text('resolution'),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    /** SLA deadlines fixed at submission from the urgency's targets. */
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }).notNull(),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'tickets_status',
      sql`${t.status} in ('submitted','accepted','in_progress','waiting','resolved','closed','rejected','merged')`,
    ),
    check('tickets_urgency', sql`${t.urgency} in ('normal','urgent','critical')`),
    check('tickets_source', sql`${t.source} in ('label','h5','message','admin')`),
    check('tickets_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check(
      'tickets_reporter',
      sql`${t.reporterOpenid} is not null or ${t.reporterAccountId} is not null`,
    ),
    // One open ticket per device, held by the database: a second report joins it (我也遇到).
    uniqueIndex('tickets_device_open_idx')
      .on(t.deviceId)
      .where(sql`${t.status} in ('submitted','accepted','in_progress','waiting')`),
    uniqueIndex('tickets_client_key_idx')
      .on(sql`coalesce(${t.reporterOpenid}, ${t.reporterAccountId}::text)`, t.clientKey)
      .where(sql`${t.clientKey} is not null`),
    index('tickets_status_idx').on(t.status, t.createdAt),
    index('tickets_group_idx').on(t.groupId, t.status),
    index('tickets_assignee_idx').on(t.assigneeId, t.status),
    index('tickets_reporter_idx').on(t.reporterOpenid),
    index('tickets_device_idx').on(t.deviceId, t.createdAt),
    index('tickets_created_idx').on(t.createdAt),
  ],
);

/**
 * Everything that happened to a ticket, append-only: transitions (from → to) and notes, joins,
 * parts and escalations (from = to). Actor and time of each; durations come from these rows.
 */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** staff, wechat_user or system. */
    actorType: text('actor_type').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => staffAccounts.id, {
      onDelete: 'set null',
    }),
    actorOpenid: text('actor_openid'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.ticketId, t.id),
    index('ticket_events_action_idx').on(t.action, t.at),
  ],
);

/** People who said "我也遇到" on an open ticket; they hear of its progress like the reporter. */
export const ticketFollowers = pgTable(
  'ticket_followers',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    openid: text('openid').notNull(),
    name: text('name').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.openid] }),
    index('ticket_followers_openid_idx').on(t.openid),
  ],
);

/**
 * Photos of reports and of repair updates, stored in the database (bytea): one copy for every
 * instance, in every backup. Uploaded first, then attached to a ticket event; unattached ones are
 * pruned after a day.
 */
export const ticketPhotos = pgTable(
  'ticket_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** The event (report, update, resolution) the photo was attached with. */
    eventId: bigint('event_id', { mode: 'number' }),
    uploaderOpenid: text('uploader_openid'),
    uploaderAccountId: uuid('uploader_account_id'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('ticket_photos_type', sql`${t.contentType} in ('image/jpeg','image/png','image/webp')`),
    index('ticket_photos_ticket_idx').on(t.ticketId),
    index('ticket_photos_uploader_idx').on(t.uploaderOpenid, t.createdAt),
  ],
);

/** Parts used on a repair, with their cost (for the procurement sheet). */
export const ticketParts = pgTable(
  'ticket_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitCostFen: integer('unit_cost_fen').notNull(),
    recordedBy: uuid('recorded_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('ticket_parts_quantity', sql`${t.quantity} > 0 and ${t.unitCostFen} >= 0`),
    index('ticket_parts_ticket_idx').on(t.ticketId),
  ],
);

/**
 * The last status notice queued for each recipient of a ticket. A change within the coalescing
 * window withdraws the still-pending notice and queues one with the newer status instead.
 */
export const ticketNoticeSlots = pgTable(
  'ticket_notice_slots',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    recipientOpenid: text('recipient_openid').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.recipientOpenid] })],
);

/** Ticket settings: one row. */
export const ticketSettings = pgTable(
  'ticket_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** A resolved ticket the reporter neither confirms nor reopens closes itself after this long. */
    autoCloseHours: integer('auto_close_hours').notNull().default(72),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ticket_settings_single_row', sql`${t.id} = 1`),
    check('ticket_settings_auto_close', sql`${t.autoCloseHours} between 1 and 720`),
  ],
);
