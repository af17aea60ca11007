import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
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
