import type { Executor } from '../../db/client';
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

/** Appends one row to the audit log, inside the caller's transaction when given one. */
export async function recordAudit(
  db: Executor,
  meta: RequestMeta,
  entry: AuditEntry,
): Promise<void> {
  const actor = meta.actor;
  await db.insert(auditLog).values({
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
  });
}
