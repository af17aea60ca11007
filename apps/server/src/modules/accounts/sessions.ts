import { createHash, randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Role, SessionAccount } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { decoyPasswordHash, verifyPassword } from '../../lib/password';
import { recordAudit } from '../audit/service';
import { staffAccounts, staffSessions } from './schema';

export interface StaffSession {
  account: SessionAccount;
  csrfToken: string;
  expiresAt: Date;
}

/** Session ids travel only in the cookie; the table keeps their SHA-256, so a dump opens nothing. */
function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function sessionAccount(row: typeof staffAccounts.$inferSelect): SessionAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
  };
}

export interface SignInInput {
  username: string;
  password: string;
  /** The session being replaced, if the browser had one: it ends at sign-in. */
  previousSessionId?: string | undefined;
  userAgent?: string | undefined;
}

/**
 * Signs a staff member in with username and password. Repeated failures lock the account for a
 * while (the lock holds even against the right password); every attempt is audited.
 */
export async function signIn(
  deps: Deps,
  meta: RequestMeta,
  input: SignInInput,
): Promise<{ sessionId: string; session: StaffSession }> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const [account] = await db
    .select()
    .from(staffAccounts)
    .where(eq(staffAccounts.username, input.username));
  const audit = (result: 'success' | 'failure', reason?: string) =>
    recordAudit(
      db,
      account
        ? {
            ...meta,
            actor: { type: 'staff', accountId: account.id, roles: account.roles as Role[] },
          }
        : meta,
      {
        action: 'auth.sign_in',
        result,
        objectType: 'staff_account',
        ...(account && { objectId: account.id }),
        details: { username: input.username, ...(reason && { reason }) },
      },
    );

  if (!account) {
    await verifyPassword(input.password, decoyPasswordHash);
    await audit('failure', 'unknown_username');
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    await audit('failure', 'locked');
    throw new DomainError('ACCOUNT_LOCKED', { lockedUntil: account.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(input.password, account.passwordHash))) {
    await recordFailure(deps, meta, account.id, now);
    await audit('failure', 'wrong_password');
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (account.disabled) {
    await audit('failure', 'disabled');
    throw new DomainError('ACCOUNT_DISABLED');
  }

  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.session.maxHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx
      .update(staffAccounts)
      .set({ failedSignIns: 0, firstFailedAt: null, lockedUntil: null, lastSignInAt: now })
      .where(eq(staffAccounts.id, account.id));
    if (input.previousSessionId) {
      await tx
        .delete(staffSessions)
        .where(eq(staffSessions.idHash, hashSessionId(input.previousSessionId)));
    }
    await tx.insert(staffSessions).values({
      idHash: hashSessionId(sessionId),
      accountId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip,
      userAgent: input.userAgent?.slice(0, 256) ?? null,
    });
  });
  await audit('success');
  return { sessionId, session: { account: sessionAccount(account), csrfToken, expiresAt } };
}

/**
 * Counts a failed attempt in one statement, so concurrent failures are all counted: a new window
 * starts when the last one is over, and reaching the maximum sets the lock.
 */
async function recordFailure(
  deps: Deps,
  meta: RequestMeta,
  accountId: string,
  now: Date,
): Promise<void> {
  const { maxFailures, windowMinutes, lockMinutes } = deps.config.signIn;
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
  const inWindow = sql`(${staffAccounts.firstFailedAt} is not null and ${staffAccounts.firstFailedAt} > ${windowStart.toISOString()}::timestamptz)`;
  const failures = sql`(case when ${inWindow} then ${staffAccounts.failedSignIns} + 1 else 1 end)`;
  const [row] = await deps.db
    .update(staffAccounts)
    .set({
      failedSignIns: failures,
      firstFailedAt: sql`case when ${inWindow} then ${staffAccounts.firstFailedAt} else ${now.toISOString()}::timestamptz end`,
      lockedUntil: sql`case when ${failures} >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else null end`,
    })
    .where(eq(staffAccounts.id, accountId))
    .returning({ lockedUntil: staffAccounts.lockedUntil, roles: staffAccounts.roles });
  if (row?.lockedUntil) {
    await recordAudit(deps.db, meta, {
      action: 'auth.lockout',
      result: 'success',
      objectType: 'staff_account',
      objectId: accountId,
      details: { lockedUntil: row.lockedUntil.toISOString() },
    });
  }
}

/**
 * The session behind a cookie's id, or an error: UNAUTHENTICATED when unknown, SESSION_EXPIRED
 * after the idle timeout or the absolute lifetime. Activity is written at most once a minute.
 */
export async function resolveSession(deps: Deps, sessionId: string): Promise<StaffSession> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const idHash = hashSessionId(sessionId);
  const [row] = await db
    .select({ session: staffSessions, account: staffAccounts })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.accountId))
    .where(eq(staffSessions.idHash, idHash));
  if (!row || row.account.disabled) throw new DomainError('UNAUTHENTICATED');
  const idleSince = now.getTime() - row.session.lastSeenAt.getTime();
  if (row.session.expiresAt <= now || idleSince > config.session.idleMinutes * 60_000) {
    await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
    throw new DomainError('SESSION_EXPIRED');
  }
  if (idleSince > 60_000) {
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.idHash, idHash));
  }
  return {
    account: sessionAccount(row.account),
    csrfToken: row.session.csrfToken,
    expiresAt: row.session.expiresAt,
  };
}

/** Ends one session (sign-out); the cookie's id is useless afterwards. */
export async function signOut(deps: Deps, meta: RequestMeta, sessionId: string): Promise<void> {
  const [ended] = await deps.db
    .delete(staffSessions)
    .where(eq(staffSessions.idHash, hashSessionId(sessionId)))
    .returning({ accountId: staffSessions.accountId });
  if (ended) {
    await recordAudit(deps.db, meta, {
      action: 'auth.sign_out',
      result: 'success',
      objectType: 'staff_account',
      objectId: ended.accountId,
    });
  }
}

/** Ends every session of an account (disabled, roles changed). */
export async function endSessionsOf(db: Executor, accountId: string): Promise<void> {
  await db.delete(staffSessions).where(and(eq(staffSessions.accountId, accountId)));
}
