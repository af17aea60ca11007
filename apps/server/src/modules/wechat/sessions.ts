import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { DomainError } from '../../http/errors';
import { batchedLoader } from '../../lib/batch';
import { rowsOf } from '../../lib/sql';
import { wechatSessions } from './schema';

export interface WechatSession {
  openid: string;
  subscribed: boolean;
  csrfToken: string;
  expiresAt: Date;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Opens an H5 session for a WeChat user who came back from OAuth; returns the cookie's id. */
export async function openWechatSession(
  deps: Deps,
  openid: string,
): Promise<{ sessionId: string; expiresAt: Date }> {
  const now = deps.clock.now();
  const sessionId = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.session.maxHours * 3_600_000);
  await deps.db.insert(wechatSessions).values({
    idHash: hashId(sessionId),
    openid,
    appId: deps.wechat?.config.appId ?? '',
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { sessionId, expiresAt };
}

interface SessionRow {
  id_hash: string;
  openid: string;
  app_id: string;
  csrf_token: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  subscribed: boolean | null;
}

const sessionLoaders = new WeakMap<
  Deps['db'],
  (idHash: string) => Promise<SessionRow | undefined>
>();

/** Every H5 request asks for its session: the requests of one moment share one plain query. */
function sessionLoader(deps: Deps) {
  let load = sessionLoaders.get(deps.db);
  if (!load) {
    load = batchedLoader(async (hashes: string[]) => {
      const rows = rowsOf<SessionRow>(
        await deps.db.execute(sql`
          select s.id_hash, s.openid, s.app_id, s.csrf_token, s.last_seen_at, s.expires_at,
            u.subscribed
          from wechat_sessions s left join wechat_users u on u.openid = s.openid
          where s.id_hash in (${sql.join(
            hashes.map((h) => sql`${h}`),
            sql`, `,
          )})`),
      );
      const byHash = new Map(rows.map((r) => [r.id_hash, r]));
      return hashes.map((h) => byHash.get(h));
    });
    sessionLoaders.set(deps.db, load);
  }
  return load;
}

/**
 * The WeChat user behind a session id. Idle and absolute limits are those of staff sessions; a
 * patient whose session ended is sent through silent OAuth again, which costs them nothing.
 */
export async function resolveWechatSession(deps: Deps, sessionId: string): Promise<WechatSession> {
  const now = deps.clock.now();
  const idHash = hashId(sessionId);
  const found = await sessionLoader(deps)(idHash);
  const row = found && {
    session: {
      openid: found.openid,
      appId: found.app_id,
      csrfToken: found.csrf_token,
      lastSeenAt: new Date(found.last_seen_at),
      expiresAt: new Date(found.expires_at),
    },
    subscribed: found.subscribed,
  };
  // A session opened under another Official Account (the hospital changed accounts) is no
  // session here: the page goes through OAuth again and gets this account's OpenID.
  if (!row || row.session.appId !== (deps.wechat?.config.appId ?? '')) {
    if (row) await deps.db.delete(wechatSessions).where(eq(wechatSessions.idHash, idHash));
    throw new DomainError('UNAUTHENTICATED');
  }
  const idle = now.getTime() - row.session.lastSeenAt.getTime();
  if (row.session.expiresAt <= now || idle > deps.config.session.idleMinutes * 60_000) {
    await deps.db.delete(wechatSessions).where(eq(wechatSessions.idHash, idHash));
    throw new DomainError('SESSION_EXPIRED');
  }
  if (idle > 60_000)
    await deps.db
      .update(wechatSessions)
      .set({ lastSeenAt: now })
      .where(eq(wechatSessions.idHash, idHash));
  return {
    openid: row.session.openid,
    subscribed: row.subscribed ?? false,
    csrfToken: row.session.csrfToken,
    expiresAt: row.session.expiresAt,
  };
}
