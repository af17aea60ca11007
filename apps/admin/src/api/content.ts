import {
  contentRoutes,
  type Article,
  type ArticleBody,
  type RouteQuery,
  type RouteResponse,
} from '@zhangyi/contracts';
import { call } from './client';

export type ArticleListQuery = RouteQuery<typeof contentRoutes.adminList>;
export type ArticlePage = RouteResponse<typeof contentRoutes.adminList>;

/** Articles and announcements of every status, newest first. */
export function listArticles(query: ArticleListQuery): Promise<ArticlePage> {
  return call(contentRoutes.adminList, { query });
}

/** Saves a new draft; the answer holds the body as the server sanitised it. */
export function createArticle(body: ArticleBody): Promise<Article> {
  return call(contentRoutes.create, { body });
}

export function updateArticle(id: string, body: ArticleBody): Promise<Article> {
  return call(contentRoutes.update, { params: { id }, body });
}

export function deleteArticle(id: string): Promise<void> {
  return call(contentRoutes.remove, { params: { id } }) as Promise<void>;
}

export function publishArticle(id: string): Promise<Article> {
  return call(contentRoutes.publish, { params: { id } });
}

export function unpublishArticle(id: string): Promise<Article> {
  return call(contentRoutes.unpublish, { params: { id } });
}

/** Queues one notice per follower; the server allows it once per article. */
export function pushArticle(id: string): Promise<{ queued: number }> {
  return call(contentRoutes.push, { params: { id } });
}
