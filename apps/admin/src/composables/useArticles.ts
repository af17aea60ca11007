import { ref, watch } from 'vue';
import type { Article, ContentKind } from '@zhangyi/contracts';
import {
  deleteArticle,
  listArticles,
  publishArticle,
  pushArticle,
  unpublishArticle,
} from '../api/content';
import { usePagedList } from './usePagedList';

/**
 * The articles table: kind filter, pagination and the actions on one article. Status changes
 * put the server's answer in place; a push reloads, since the answer is only the count queued.
 */
export function useArticles() {
  const kind = ref<ContentKind | ''>('');
  const list = usePagedList<Article>((paging) =>
    listArticles({ ...paging, kind: kind.value || undefined }),
  );

  async function publish(article: Article): Promise<Article> {
    const saved = await publishArticle(article.id);
    list.replace(saved);
    return saved;
  }

  async function unpublish(article: Article): Promise<Article> {
    const saved = await unpublishArticle(article.id);
    list.replace(saved);
    return saved;
  }

  /** Queues the notices and reloads to show the push time; resolves to how many were queued. */
  async function push(article: Article): Promise<number> {
    const { queued } = await pushArticle(article.id);
    await list.load();
    return queued;
  }

  async function remove(article: Article): Promise<void> {
    await deleteArticle(article.id);
    await list.afterRemove();
  }

  watch(kind, list.search);

  return { ...list, kind, publish, unpublish, push, remove };
}
