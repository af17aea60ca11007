import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Hospital staff who sign in to the admin console or are recognised in WeChat by their role. */
export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** scrypt hash in the self-describing form written by lib/password.ts. */
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    /** AES-256-GCM ciphertext of the mobile number (lib/pii.ts). */
    phoneEncrypted: text('phone_encrypted'),
    /** Keyed hash of the mobile number, for look-up without decrypting. */
    phoneHash: text('phone_hash'),
    disabled: boolean('disabled').notNull().default(false),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'staff_accounts_roles_known',
      sql`${t.roles} <@ array['admin','equipment_manager','engineer','clinician','doctor','registrar']::text[] and cardinality(${t.roles}) > 0`,
    ),
    index('staff_accounts_phone_hash_idx').on(t.phoneHash),
  ],
);

/** Signed-in browser sessions of staff; the cookie holds the id, the table only its hash. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('staff_sessions_account_idx').on(t.accountId)],
);

/**
 * A staff member's WeChat identity in this Official Account, bound once by signing in with their
 * staff password inside the H5 pages. Engineers then act from WeChat, and notices reach them.
 */
export const staffWechatBindings = pgTable(
  'staff_wechat_bindings',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => staffAccounts.id, { onDelete: 'cascade' }),
    openid: text('openid').notNull(),
    /** The Official Account the OpenID belongs to (OpenIDs mean nothing to another account). */
    appId: text('app_id').notNull().default(''),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('staff_wechat_bindings_openid_idx').on(t.appId, t.openid)],
);
