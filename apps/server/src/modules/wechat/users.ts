import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { wechatUsers } from './schema';

/** Records a follow, and the QR scene that brought the user when there was one. */
export async function recordFollow(
  db: Executor,
  openid: string,
  at: Date,
  scene: string | undefined,
): Promise<void> {
  await db
    .insert(wechatUsers)
    .values({
      openid,
      subscribed: true,
      subscribedAt: at,
      subscribeScene: scene ?? null,
      firstSeenAt: at,
      lastSeenAt: at,
    })
    .onConflictDoUpdate({
      target: wechatUsers.openid,
      set: {
        subscribed: true,
        subscribedAt: at,
        subscribeScene: scene ?? null,
        unsubscribedAt: null,
        lastSeenAt: at,
      },
    });
}

/** Records an unfollow; the user's other records stay. */
export async function recordUnfollow(db: Executor, openid: string, at: Date): Promise<void> {
  await db
    .insert(wechatUsers)
    .values({ openid, subscribed: false, unsubscribedAt: at, firstSeenAt: at, lastSeenAt: at })
    .onConflictDoUpdate({
      target: wechatUsers.openid,
      set: { subscribed: false, unsubscribedAt: at, lastSeenAt: at },
    });
}

/** Stores the location WeChat reports (when the user allowed it). */
export async function recordLocation(
  db: Executor,
  openid: string,
  at: Date,
  latitude: number,
  longitude: number,
): Promise<void> {
  await db
    .insert(wechatUsers)
    .values({ openid, latitude, longitude, locatedAt: at, firstSeenAt: at, lastSeenAt: at })
    .onConflictDoUpdate({
      target: wechatUsers.openid,
      set: { latitude, longitude, locatedAt: at, lastSeenAt: at },
    });
}

/** Notes that the user opened a page (OAuth); unknown users are added, not followed. */
export async function recordVisit(
  db: Executor,
  openid: string,
  unionid: string | undefined,
  at: Date,
): Promise<{ subscribed: boolean }> {
  const [row] = await db
    .insert(wechatUsers)
    .values({ openid, unionid: unionid ?? null, firstSeenAt: at, lastSeenAt: at })
    .onConflictDoUpdate({
      target: wechatUsers.openid,
      set: { lastSeenAt: at, unionid: sql`coalesce(${unionid ?? null}, ${wechatUsers.unionid})` },
    })
    .returning({ subscribed: wechatUsers.subscribed });
  return { subscribed: row?.subscribed ?? false };
}

/** The OpenIDs of everyone following the account now. */
export async function followerOpenids(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ openid: wechatUsers.openid })
    .from(wechatUsers)
    .where(eq(wechatUsers.subscribed, true));
  return rows.map((r) => r.openid);
}
