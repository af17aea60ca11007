import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Health-education articles and announcements, written in the admin console. */
export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    coverUrl: text('cover_url'),
    /** Sanitised on save; rendered as HTML by the H5 pages. */
    body: text('body').notNull(),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    pushedAt: timestamp('pushed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('articles_kind_known', sql`${t.kind} in ('article','announcement')`),
    check('articles_status_known', sql`${t.status} in ('draft','published')`),
    index('articles_published_idx').on(t.kind, t.publishedAt),
  ],
);
