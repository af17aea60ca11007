import {
  contentRoutes,
  type Article,
  type ArticleSummary,
  type ContentKind,
} from '@zhangyi/contracts';
import { call } from './client';

/** One page of published articles or announcements, newest first (public). */
export function fetchArticles(
  kind: ContentKind,
  page: number,
  pageSize: number,
): Promise<{ items: ArticleSummary[]; total: number }> {
  return call(contentRoutes.list, { query: { kind, page, pageSize } });
}

/** One published article with its sanitised HTML body (public). */
export function fetchArticle(id: string): Promise<Article> {
  return call(contentRoutes.detail, { params: { id } });
}
