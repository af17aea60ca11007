import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
