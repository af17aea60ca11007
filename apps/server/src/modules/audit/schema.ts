import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only record of sign-ins and of every read or change of personal data. A trigger (see the
 * migration `audit_append_only`) refuses UPDATE and DELETE, so the application cannot rewrite history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** staff, wechat_user, system or anonymous. */
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorRoles: text('actor_roles').array(),
    /** Dotted verb, e.g. `auth.sign_in`, `account.update`, `patient.read`. */
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    /** success, failure or denied. */
    result: text('result').notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    /** Context without personal data: field names changed, reasons, counts. */
    details: jsonb('details'),
    /** Hash of the previous sealed row; with `hash`, filled once by the sealing job. */
    prevHash: text('prev_hash'),
    /** SHA-256 over `prev_hash` and this row: an edited or removed row breaks the chain. */
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorType, t.actorId),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
  ],
);
