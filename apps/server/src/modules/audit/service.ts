import { createHash } from 'node:crypto';
import { asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { RequestMeta } from '../../context';
import { auditLog } from './schema';

export interface AuditEntry {
  /** Dotted verb, e.g. `auth.sign_in`, `account.update`. */
  action: string;
  result: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string;
  /** Context without personal data. */
  details?: Record<string, unknown>;
}

/** The columns of an audit row for an entry; id, time and seal are the database's. */
function auditColumns(meta: RequestMeta, entry: AuditEntry) {
  const actor = meta.actor;
  return {
    actorType: actor.type,
    actorId:
      actor.type === 'staff' ? actor.accountId : actor.type === 'wechat_user' ? actor.openid : null,
    actorRoles: actor.type === 'staff' ? actor.roles : null,
    action: entry.action,
    result: entry.result,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    ip: meta.ip,
    requestId: meta.requestId,
    details: entry.details ?? null,
  };
}

/** Appends one row to the audit log, inside the caller's transaction when given one. */
export async function recordAudit(
  db: Executor,
  meta: RequestMeta,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values(auditColumns(meta, entry));
}

/**
 * The same row as an `insert … select` that appends it only when `condition` holds, for a
 * caller that changes several things in one statement (a CTE of it).
 */
export function auditInsertWhen(meta: RequestMeta, entry: AuditEntry, condition: SQL): SQL {
  const c = auditColumns(meta, entry);
  const roles = c.actorRoles
    ? sql`array[${sql.join(
        c.actorRoles.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[]`
    : sql`null::text[]`;
  return sql`insert into audit_log (actor_type, actor_id, actor_roles, action, result,
      object_type, object_id, ip, request_id, details)
    select ${c.actorType}, ${c.actorId}, ${roles}, ${c.action}, ${c.result}, ${c.objectType},
      ${c.objectId}, ${c.ip}, ${c.requestId}, ${c.details === null ? null : JSON.stringify(c.details)}::jsonb
    where ${condition}`;
}

type AuditRow = typeof auditLog.$inferSelect;

/** The sealed content of a row: every field but the hashes, in a fixed order. */
function rowDigest(prevHash: string, row: AuditRow): string {
  const content = JSON.stringify([
    row.id,
    row.at.toISOString(),
    row.actorType,
    row.actorId,
    row.actorRoles,
    row.action,
    row.objectType,
    row.objectId,
    row.result,
    row.ip,
    row.requestId,
    row.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

const SEAL_LOCK = 7_240_300;

/**
 * Chains unsealed rows onto the last sealed one (oldest first), a batch at a time. Rows are
 * written without hashes so that writers never wait on each other; this job, run by one instance
 * at a time, seals them shortly after.
 */
export async function sealAuditLog(db: Db, batch = 5000): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEAL_LOCK})`);
    const [last] = await tx
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(isNotNull(auditLog.hash))
      .orderBy(desc(auditLog.id))
      .limit(1);
    let prev = last?.hash ?? '';
    const rows = await tx
      .select()
      .from(auditLog)
      .where(isNull(auditLog.hash))
      .orderBy(asc(auditLog.id))
      .limit(batch);
    for (const row of rows) {
      const hash = rowDigest(prev, row);
      await tx.update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.id, row.id));
      prev = hash;
    }
    return rows.length;
  });
}

/** The id of the first sealed row whose hash does not match its content or its predecessor; null when intact. */
export async function verifyAuditChain(db: Executor): Promise<number | null> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(isNotNull(auditLog.hash))
    .orderBy(asc(auditLog.id));
  let prev = '';
  for (const row of rows) {
    if (row.prevHash !== prev || rowDigest(prev, row) !== row.hash) return row.id;
    prev = row.hash!;
  }
  return null;
}
