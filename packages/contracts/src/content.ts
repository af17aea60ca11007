import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, PageQuery, Timestamp } from './common';

const Kind = Type.Union([Type.Literal('article'), Type.Literal('announcement')]);
export type ContentKind = Static<typeof Kind>;

export const ArticleSummary = Type.Object({
  id: Type.String(),
  kind: Kind,
  title: Type.String(),
  summary: Type.Union([Type.String(), Type.Null()]),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Timestamp, Type.Null()]),
});
export type ArticleSummary = Static<typeof ArticleSummary>;

export const Article = Type.Object({
  ...ArticleSummary.properties,
  /** Sanitised HTML: paragraphs, headings, lists, emphasis, links and images only. */
  body: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  pushedAt: Type.Union([Timestamp, Type.Null()]),
  updatedAt: Timestamp,
});
export type Article = Static<typeof Article>;

export const ArticleBody = Type.Object(
  {
    kind: Kind,
    title: Type.String({ minLength: 1, maxLength: 80 }),
    summary: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    coverUrl: Type.Union([Type.String({ maxLength: 500, pattern: '^(https?://|/)' }), Type.Null()]),
    body: Type.String({ maxLength: 50_000 }),
  },
  { additionalProperties: false },
);
export type ArticleBody = Static<typeof ArticleBody>;

export const contentRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/public/articles',
    summary: 'Published health-education articles or announcements, newest first (public)',
    tag: 'content',
    query: Type.Object(
      { ...PageQuery, kind: Type.Optional(Kind) },
      { additionalProperties: false },
    ),
    response: Type.Object({ items: Type.Array(ArticleSummary), total: Type.Integer() }),
  }),
  detail: defineRoute({
    method: 'GET',
    path: '/api/public/articles/:id',
    summary: 'One published article (public)',
    tag: 'content',
    params: IdParams,
    response: Article,
  }),
  adminList: defineRoute({
    method: 'GET',
    path: '/api/admin/articles',
    summary: 'Every article and announcement, drafts included',
    tag: 'content',
    query: Type.Object(
      { ...PageQuery, kind: Type.Optional(Kind) },
      { additionalProperties: false },
    ),
    response: Type.Object({ items: Type.Array(Article), total: Type.Integer() }),
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/admin/articles',
    summary: 'Write a draft',
    tag: 'content',
    body: ArticleBody,
    response: Article,
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/api/admin/articles/:id',
    summary: 'Change an article',
    tag: 'content',
    params: IdParams,
    body: ArticleBody,
    response: Article,
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/admin/articles/:id',
    summary: 'Delete an article',
    tag: 'content',
    params: IdParams,
  }),
  publish: defineRoute({
    method: 'POST',
    path: '/api/admin/articles/:id/publish',
    summary: 'Publish an article',
    tag: 'content',
    params: IdParams,
    response: Article,
  }),
  unpublish: defineRoute({
    method: 'POST',
    path: '/api/admin/articles/:id/unpublish',
    summary: 'Withdraw a published article',
    tag: 'content',
    params: IdParams,
    response: Article,
  }),
  push: defineRoute({
    method: 'POST',
    path: '/api/admin/articles/:id/push',
    summary: 'Send a published article to every follower through the notification outbox (once)',
    tag: 'content',
    params: IdParams,
    response: Type.Object({ queued: Type.Integer() }),
  }),
};
