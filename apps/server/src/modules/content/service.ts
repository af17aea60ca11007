import { and, count, desc, eq, isNotNull, type SQL } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { Article, ArticleBody, ArticleSummary, ContentKind } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { localDate } from '../../lib/time';
import { recordAudit } from '../audit/service';
import { enqueueNotifications } from '../notifications/enqueue';
import { followerOpenids } from '../wechat/users';
import { articles } from './schema';

type ArticleRow = typeof articles.$inferSelect;

/** What an article may contain: text structure, links and images, nothing that runs. */
function sanitize(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'h2',
      'h3',
      'h4',
      'strong',
      'b',
      'em',
      'i',
      'u',
      'ul',
      'ol',
      'li',
      'blockquote',
      'a',
      'img',
      'span',
    ],
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'] },
    allowedSchemes: ['https', 'http'],
    allowedSchemesByTag: { img: ['https', 'http', 'data'] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  });
}

function toSummary(row: ArticleRow): ArticleSummary {
  return {
    id: row.id,
    kind: row.kind as ContentKind,
    title: row.title,
    summary: row.summary,
    coverUrl: row.coverUrl,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

function toArticle(row: ArticleRow): Article {
  return {
    ...toSummary(row),
    body: row.body,
    status: row.status as Article['status'],
    pushedAt: row.pushedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function page(
  db: Executor,
  where: SQL | undefined,
  query: { page?: number; pageSize?: number },
) {
  const size = query.pageSize ?? 20;
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(articles)
      .where(where)
      .orderBy(desc(articles.publishedAt), desc(articles.updatedAt))
      .limit(size)
      .offset(((query.page ?? 1) - 1) * size),
    db.select({ total: count() }).from(articles).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Published articles or announcements for the H5 pages. */
export async function publishedArticles(
  db: Executor,
  query: { page?: number; pageSize?: number; kind?: ContentKind },
) {
  const filters = [eq(articles.status, 'published'), isNotNull(articles.publishedAt)];
  if (query.kind) filters.push(eq(articles.kind, query.kind));
  const { rows, total } = await page(db, and(...filters), query);
  return { items: rows.map(toSummary), total };
}

/** One published article. */
export async function publishedArticle(db: Executor, id: string): Promise<Article> {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.id, id), eq(articles.status, 'published')));
  if (!row) throw new DomainError('NOT_FOUND');
  return toArticle(row);
}

/** Every article for the admin, drafts included. */
export async function allArticles(
  db: Executor,
  query: { page?: number; pageSize?: number; kind?: ContentKind },
) {
  const { rows, total } = await page(
    db,
    query.kind ? eq(articles.kind, query.kind) : undefined,
    query,
  );
  return { items: rows.map(toArticle), total };
}

async function byId(db: Executor, id: string): Promise<ArticleRow> {
  const [row] = await db.select().from(articles).where(eq(articles.id, id));
  if (!row) throw new DomainError('NOT_FOUND');
  return row;
}

/** Writes a draft (the body is sanitised). */
export async function createArticle(
  deps: Deps,
  meta: RequestMeta,
  body: ArticleBody,
): Promise<Article> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(articles)
    .values({ ...body, body: sanitize(body.body), createdAt: now, updatedAt: now })
    .returning();
  await recordAudit(deps.db, meta, {
    action: 'article.create',
    result: 'success',
    objectType: 'article',
    objectId: row!.id,
  });
  return toArticle(row!);
}

/** Changes an article (published ones stay published). */
export async function updateArticle(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  body: ArticleBody,
): Promise<Article> {
  await byId(deps.db, id);
  const [row] = await deps.db
    .update(articles)
    .set({ ...body, body: sanitize(body.body), updatedAt: deps.clock.now() })
    .where(eq(articles.id, id))
    .returning();
  await recordAudit(deps.db, meta, {
    action: 'article.update',
    result: 'success',
    objectType: 'article',
    objectId: id,
  });
  return toArticle(row!);
}

/** Deletes an article. */
export async function deleteArticle(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  await byId(deps.db, id);
  await deps.db.delete(articles).where(eq(articles.id, id));
  await recordAudit(deps.db, meta, {
    action: 'article.delete',
    result: 'success',
    objectType: 'article',
    objectId: id,
  });
}

/** Publishes or withdraws an article. */
export async function setPublished(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  published: boolean,
): Promise<Article> {
  const current = await byId(deps.db, id);
  const [row] = await deps.db
    .update(articles)
    .set({
      status: published ? 'published' : 'draft',
      publishedAt: published ? (current.publishedAt ?? deps.clock.now()) : current.publishedAt,
      updatedAt: deps.clock.now(),
    })
    .where(eq(articles.id, id))
    .returning();
  await recordAudit(deps.db, meta, {
    action: published ? 'article.publish' : 'article.unpublish',
    result: 'success',
    objectType: 'article',
    objectId: id,
  });
  return toArticle(row!);
}

/**
 * Sends a published article to every follower: one `announcement` notice each, queued in the
 * transaction that marks the article pushed, so a push happens once and is never half done.
 */
export async function pushArticle(
  deps: Deps,
  meta: RequestMeta,
  id: string,
): Promise<{ queued: number }> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(articles).where(eq(articles.id, id)).for('update');
    if (!row) throw new DomainError('NOT_FOUND');
    if (row.status !== 'published') throw new DomainError('ARTICLE_NOT_PUBLISHED');
    if (row.pushedAt) throw new DomainError('ARTICLE_ALREADY_PUSHED');
    const openids = await followerOpenids(tx);
    const publishedAt = localDate(row.publishedAt ?? deps.clock.now(), deps.config.timeZone);
    const queued = await enqueueNotifications(
      tx,
      deps.clock,
      openids.map((openid) => ({
        kind: 'announcement',
        recipientOpenid: openid,
        idempotencyKey: `announcement:${id}:${openid}`,
        data: { title: row.title, publishedAt, url: `/h5/articles/${id}` },
      })),
    );
    await tx.update(articles).set({ pushedAt: deps.clock.now() }).where(eq(articles.id, id));
    await recordAudit(tx, meta, {
      action: 'article.push',
      result: 'success',
      objectType: 'article',
      objectId: id,
      details: { queued },
    });
    return { queued };
  });
}
