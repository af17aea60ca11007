import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
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

/**
 * The equipment registry, shared by IT fault reporting (issue 8) and the lending centre (issue 9).
 * This module holds what a device *is* (identity, place, lifecycle); custody and condition facts
 * (lent, cleaning, inspection holds) belong to the lending module's own tables, keyed by device id.
 */

/** Categories in a tree of up to three levels (计算机 › 台式机, 医疗设备 › 监护仪 › 多参数). */
export const equipmentCategories = pgTable(
  'equipment_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => equipmentCategories.id, {
      onDelete: 'restrict',
    }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('equipment_categories_parent_idx').on(t.parentId)],
);

/**
 * One physical device. `status` is its lifecycle only (in use, idle in store, retired); whether it
 * is under repair is derived from open tickets, never stored, so it cannot drift.
 */
export const equipmentDevices = pgTable(
  'equipment_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The hospital's asset number (资产编号), printed on the label. */
    assetNo: text('asset_no').notNull().unique(),
    name: text('name').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => equipmentCategories.id, { onDelete: 'restrict' }),
    brand: text('brand'),
    model: text('model'),
    serialNo: text('serial_no'),
    /** Null while the device is in the store room (no department holds it). */
    departmentId: uuid('department_id').references(() => departments.id, {
      onDelete: 'restrict',
    }),
    location: text('location'),
    purchaseDate: date('purchase_date'),
    warrantyEnd: date('warranty_end'),
    supplier: text('supplier'),
    purchasePriceFen: integer('purchase_price_fen'),
    status: text('status').notNull().default('in_use'),
    /** First day the device counts in failure rates: the purchase date, or registration. */
    inServiceFrom: date('in_service_from').notNull(),
    /** Set when the device is retired; it stops counting in failure rates from then. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('equipment_devices_status', sql`${t.status} in ('in_use','idle','retired')`),
    check(
      'equipment_devices_retired',
      sql`(${t.status} = 'retired') = (${t.retiredAt} is not null)`,
    ),
    check(
      'equipment_devices_price',
      sql`${t.purchasePriceFen} is null or ${t.purchasePriceFen} >= 0`,
    ),
    index('equipment_devices_category_idx').on(t.categoryId),
    index('equipment_devices_department_idx').on(t.departmentId),
    index('equipment_devices_model_idx').on(t.brand, t.model),
  ],
);

/**
 * QR label tokens. The label encodes `${PUBLIC_URL}/r/<token>` with a random 22-character base62
 * token (≥128 bits): nothing guessable. Reprinting reuses the active token; revoking one makes
 * its labels answer "revoked", and the next print issues a new token. One active token per device.
 */
export const equipmentLabels = pgTable(
  'equipment_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => equipmentDevices.id, { onDelete: 'cascade' }),
    token: text('token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => staffAccounts.id, { onDelete: 'set null' }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    uniqueIndex('equipment_labels_active_idx')
      .on(t.deviceId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * What happened to a device, append-only: registered, changed (fields), moved (department),
 * retired, label issued/revoked, imported. The lending centre adds its own types (lent, returned…).
 */
export const equipmentDeviceEvents = pgTable(
  'equipment_device_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => equipmentDevices.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorAccountId: uuid('actor_account_id').references(() => staffAccounts.id, {
      onDelete: 'set null',
    }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('equipment_device_events_device_idx').on(t.deviceId, t.at)],
);

/** What the labels say besides the device: one row. */
export const equipmentSettings = pgTable(
  'equipment_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Printed on every label: 报修电话. */
    repairHotline: text('repair_hotline'),
    /** A short title above the asset number, e.g. the hospital's or the IT office's name. */
    labelTitle: text('label_title'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('equipment_settings_single_row', sql`${t.id} = 1`)],
);
