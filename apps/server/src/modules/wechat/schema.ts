import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** access_token and jsapi_ticket shared by every instance (the library's TokenStore). */
export const wechatCredentials = pgTable('wechat_credentials', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Leased locks: one instance refreshes a token at a time; an abandoned lease frees itself. */
export const wechatLocks = pgTable('wechat_locks', {
  key: text('key').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Keys of callback messages already handled, because WeChat retries unanswered ones. */
export const wechatDedupe = pgTable(
  'wechat_dedupe',
  {
    key: text('key').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_dedupe_expires_idx').on(t.expiresAt)],
);

/** People who follow (or followed, or opened a page of) the Official Account, by OpenID. */
export const wechatUsers = pgTable(
  'wechat_users',
  {
    openid: text('openid').primaryKey(),
    unionid: text('unionid'),
    subscribed: boolean('subscribed').notNull().default(false),
    subscribedAt: timestamp('subscribed_at', { withTimezone: true }),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    /** The parametric QR scene that brought the user, without `qrscene_`. */
    subscribeScene: text('subscribe_scene'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    locatedAt: timestamp('located_at', { withTimezone: true }),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_users_subscribed_idx').on(t.subscribed)],
);

/** Keyword auto-replies the hospital configures. */
export const wechatAutoReplies = pgTable('wechat_auto_replies', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** exact or contains. */
  matchType: text('match_type').notNull(),
  keyword: text('keyword').notNull(),
  reply: text('reply').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** Lower first when several rules match. */
  priority: integer('priority').notNull().default(100),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Welcome and default replies, and the custom menu (draft and last published): one row. */
export const wechatSettings = pgTable('wechat_settings', {
  id: integer('id').primaryKey().default(1),
  welcomeReply: text('welcome_reply').notNull(),
  defaultReply: text('default_reply'),
  menuDraft: jsonb('menu_draft'),
  menuPublished: jsonb('menu_published'),
  menuPublishedAt: timestamp('menu_published_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Sessions of WeChat users in H5 pages, opened after OAuth; the cookie holds the id. */
export const wechatSessions = pgTable(
  'wechat_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    openid: text('openid').notNull(),
    /** The Official Account the OpenID belongs to: OpenIDs mean nothing to another account. */
    appId: text('app_id').notNull().default(''),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('wechat_sessions_openid_idx').on(t.openid)],
);
