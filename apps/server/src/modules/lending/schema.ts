import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { staffAccounts } from '../accounts/schema';
import { departments } from '../directory/schema';
import { equipmentCategories, equipmentDevices } from '../equipment/schema';

/**
 * The lending centre (设备调配中心, issue 9). Devices and categories are the registry's
 * (modules/equipment); this module keeps only lending facts about them, keyed by their ids, and
 * the loans. Readiness ("available") is never stored: it is computed from these facts.
 */

/** How a category is lent and billed. A category without a row is not lent. */
export const lendingCategorySettings = pgTable(
  'lending_category_settings',
  {
    categoryId: uuid('category_id')
      .primaryKey()
      .references(() => equipmentCategories.id, { onDelete: 'cascade' }),
    /** Life-support (呼吸机…): an urgent request with a ready device is approved at once. */
    lifeSupport: boolean('life_support').notNull().default(false),
    billingUnit: text('billing_unit').notNull().default('hour'),
    /** Price of one started unit (hour or 24 h), fen. */
    rateFen: integer('rate_fen').notNull().default(0),
    /** The least a handed-over device costs, fen. */
    minimumFen: integer('minimum_fen').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('lending_category_unit', sql`${t.billingUnit} in ('hour','day')`),
    check('lending_category_money', sql`${t.rateFen} >= 0 and ${t.minimumFen} >= 0`),
  ],
);

/**
 * A registry device that belongs to the centre's pool, with its safety facts. Custody is not
 * stored: a device is with a department exactly while a loan item holds it (lending_loan_devices).
 */
export const lendingDevices = pgTable(
  'lending_devices',
  {
    deviceId: uuid('device_id')
      .primaryKey()
      .references(() => equipmentDevices.id, { onDelete: 'cascade' }),
    condition: text('condition').notNull().default('ok'),
    hygiene: text('hygiene').notNull().default('clean'),
    /** Next preventive maintenance (PM) due; past it the device is held. */
    pmDueOn: date('pm_due_on'),
    /** Next calibration / metrological check due; past it the device is held. */
    calibrationDueOn: date('calibration_due_on'),
    recallHold: boolean('recall_hold').notNull().default(false),
    recallNote: text('recall_note'),
    /** When the device joined the pool: the start of its available time in utilisation. */
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'lending_devices_condition',
      sql`${t.condition} in ('ok','faulty','under_repair','scrapped')`,
    ),
    check('lending_devices_hygiene', sql`${t.hygiene} in ('clean','awaiting_disinfection')`),
  ],
);

/** Staff who may request loans, and for which department (staff accounts carry no department). */
export const lendingApplicants = pgTable(
  'lending_applicants',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lending_applicants_department_idx').on(t.departmentId)],
);

/** The centre's settings: one row. */
export const lendingSettings = pgTable(
  'lending_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Hours a manager has to confirm an emergency (先借后批) approval. */
    emergencyConfirmHours: integer('emergency_confirm_hours').notNull().default(24),
    /** Target probability that a request waits, for the recommended fleet size. */
    fleetWaitTargetPct: integer('fleet_wait_target_pct').notNull().default(5),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('lending_settings_single_row', sql`${t.id} = 1`),
    check('lending_settings_hours', sql`${t.emergencyConfirmHours} between 1 and 168`),
    check('lending_settings_target', sql`${t.fleetWaitTargetPct} between 1 and 50`),
  ],
);

/** Per-day loan numbers (JY20261125001). */
export const lendingCounters = pgTable('lending_counters', {
  day: date('day').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * A request and, once approved, the loan (借用单). `status` is the state of lifecycle.ts; every
 * move is a lending_loan_events row. Overdue is derived from `dueAt`, never a state.
 */
export const lendingLoans = pgTable(
  'lending_loans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    no: text('no').notNull().unique(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'restrict' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => equipmentCategories.id, { onDelete: 'restrict' }),
    /** A specific device asked for (then quantity is 1). */
    deviceId: uuid('device_id').references(() => equipmentDevices.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
    expectedHours: integer('expected_hours').notNull(),
    purpose: text('purpose').notNull(),
    urgency: text('urgency').notNull(),
    status: text('status').notNull(),
    /** Approved at once by the emergency path; a manager must confirm by `confirmDueAt`. */
    emergency: boolean('emergency').notNull().default(false),
    confirmDueAt: timestamp('confirm_due_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    confirmRemindedAt: timestamp('confirm_reminded_at', { withTimezone: true }),
    confirmEscalatedAt: timestamp('confirm_escalated_at', { withTimezone: true }),
    /** Ready devices of the category when the request arrived: 0 marks a stock-out. */
    availableAtRequest: integer('available_at_request').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    rejectReason: text('reject_reason'),
    /** Set at the first handover: handover + expected hours. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** The hospital-local day of the last overdue reminder (at most one a day). */
    overdueRemindedOn: date('overdue_reminded_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'lending_loans_status',
      sql`${t.status} in ('requested','approved','handed_over','return_requested','returned','disinfected','rejected','cancelled')`,
    ),
    check('lending_loans_urgency', sql`${t.urgency} in ('normal','urgent')`),
    check('lending_loans_quantity', sql`${t.quantity} between 1 and 20`),
    check('lending_loans_hours', sql`${t.expectedHours} between 1 and 2160`),
    check('lending_loans_device_one', sql`${t.deviceId} is null or ${t.quantity} = 1`),
    index('lending_loans_department_idx').on(t.departmentId, t.createdAt),
    index('lending_loans_status_idx').on(t.status, t.createdAt),
    index('lending_loans_category_idx').on(t.categoryId, t.createdAt),
  ],
);

/**
 * One device handed over on a loan, until its return and disinfection. The partial unique index
 * is the invariant "one device is never on two loans at once", held by the database.
 */
export const lendingLoanDevices = pgTable(
  'lending_loan_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => lendingLoans.id, { onDelete: 'restrict' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => equipmentDevices.id, { onDelete: 'restrict' }),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }).notNull(),
    handedOverBy: uuid('handed_over_by').references(() => staffAccounts.id, {
      onDelete: 'set null',
    }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnedBy: uuid('returned_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    returnCondition: text('return_condition'),
    returnNote: text('return_note'),
    /** The repair ticket opened for a damaged return. */
    ticketId: uuid('ticket_id'),
    disinfectedAt: timestamp('disinfected_at', { withTimezone: true }),
    disinfectedBy: uuid('disinfected_by').references(() => staffAccounts.id, {
      onDelete: 'set null',
    }),
    /** The two-manager override used for this handover, if a gate was overridden. */
    overrideId: uuid('override_id'),
    /** The category's billing at handover: a later price change does not rewrite old loans. */
    billingUnit: text('billing_unit').notNull(),
    rateFen: integer('rate_fen').notNull(),
    minimumFen: integer('minimum_fen').notNull(),
  },
  (t) => [
    uniqueIndex('lending_loan_devices_open_idx')
      .on(t.deviceId)
      .where(sql`${t.returnedAt} is null`),
    index('lending_loan_devices_loan_idx').on(t.loanId),
    index('lending_loan_devices_device_idx').on(t.deviceId, t.handedOverAt),
    check(
      'lending_loan_devices_condition',
      sql`${t.returnCondition} is null or ${t.returnCondition} in ('ok','damaged')`,
    ),
    check(
      'lending_loan_devices_order',
      sql`(${t.returnedAt} is null or ${t.returnedAt} >= ${t.handedOverAt}) and (${t.disinfectedAt} is null or ${t.returnedAt} is not null)`,
    ),
  ],
);

/** Everything that happened to a loan, append-only: moves and notes, with actor and time. */
export const lendingLoanEvents = pgTable(
  'lending_loan_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => lendingLoans.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type').notNull(),
    actorAccountId: uuid('actor_account_id').references(() => staffAccounts.id, {
      onDelete: 'set null',
    }),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('lending_loan_events_loan_idx').on(t.loanId, t.at),
    index('lending_loan_events_at_idx').on(t.at),
    check('lending_loan_events_actor', sql`${t.actorType} in ('staff','system')`),
  ],
);

/**
 * Overriding a readiness gate for one handover: one manager asks, a different one grants. The
 * check constraint holds "two different managers" even against a direct write.
 */
export const lendingOverrides = pgTable(
  'lending_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => lendingLoans.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => equipmentDevices.id, { onDelete: 'cascade' }),
    /** The gates that were blocking when asked (awaiting_disinfection, pm_overdue…). */
    blockers: jsonb('blockers').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'restrict' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    grantedBy: uuid('granted_by').references(() => staffAccounts.id, { onDelete: 'restrict' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'lending_overrides_two_managers',
      sql`${t.grantedBy} is null or ${t.grantedBy} <> ${t.requestedBy}`,
    ),
    index('lending_overrides_loan_idx').on(t.loanId, t.deviceId),
  ],
);

/** The centre's announcements (公告 tab): written by equipment managers for staff. */
export const lendingAnnouncements = pgTable(
  'lending_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    /** Null while a draft. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    authorId: uuid('author_id').references(() => staffAccounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lending_announcements_published_idx').on(t.publishedAt)],
);
