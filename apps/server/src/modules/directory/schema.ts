import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** The hospital this installation serves: exactly one row. */
export const hospital = pgTable(
  'hospital',
  {
    id: integer('id').primaryKey().default(1),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    phone: text('phone'),
    address: text('address'),
    introduction: text('introduction'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('hospital_single_row', sql`${t.id} = 1`)],
);

/** Departments in a two-level tree: divisions (no parent) and the departments under them. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id, {
      onDelete: 'restrict',
    }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    location: text('location'),
    introduction: text('introduction'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('departments_parent_idx').on(t.parentId)],
);

/** Doctors who hold clinics; schedules and number sources refer to them. */
export const doctors = pgTable(
  'doctors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'restrict' }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** Professional title, e.g. 主任医师. */
    title: text('title').notNull(),
    specialties: text('specialties'),
    introduction: text('introduction'),
    photoUrl: text('photo_url'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('doctors_department_idx').on(t.departmentId)],
);

/** A doctor's permanent parametric QR code (scene `doctor:<id>`), printed on the clinic door. */
export const doctorQrCodes = pgTable('doctor_qrcodes', {
  doctorId: uuid('doctor_id')
    .primaryKey()
    .references(() => doctors.id, { onDelete: 'cascade' }),
  ticket: text('ticket').notNull(),
  /** What the QR encodes (WeChat's short URL). */
  url: text('url').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every scan of a doctor's QR code, for the admin's counts. */
export const doctorQrScans = pgTable(
  'doctor_qr_scans',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    doctorId: uuid('doctor_id').notNull(),
    openid: text('openid').notNull(),
    /** The scan made the user follow the account. */
    newFollower: boolean('new_follower').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('doctor_qr_scans_doctor_idx').on(t.doctorId, t.at)],
);

/** The hospital's sites (院区), each with its address, phone and a map link. */
export const campuses = pgTable('campuses', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  phone: text('phone'),
  /** A link opening the site in a map app. */
  mapUrl: text('map_url'),
  sortOrder: integer('sort_order').notNull().default(0),
});
