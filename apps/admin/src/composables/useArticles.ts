import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import type { Article, ContentKind } from '@zhangyi/contracts';
import {
  deleteArticle,
  listArticles,
  publishArticle,
  pushArticle,
  unpublishArticle,
} from '../api/content';
import { useErrorMessage } from './useErrorMessage';

/**
 * The articles table: kind filter, pagination and the actions on one article. Status changes
 * put the server's answer in place; a push reloads, since the answer is only the count queued.
 */
export function useArticles() {
  const kind = ref<ContentKind | ''>('');
  const page = ref(1);
  const pageSize = ref(20);

  const items = shallowRef<Article[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let latest = 0;

  async function load(): Promise<void> {
    const id = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const result = await listArticles({
        page: page.value,
        pageSize: pageSize.value,
        kind: kind.value || undefined,
      });
      if (id !== latest) return;
      items.value = result.items;
      total.value = result.total;
    } catch (cause) {
      if (id === latest) error.value = cause;
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  function replace(article: Article): void {
    items.value = items.value.map((item) => (item.id === article.id ? article : item));
  }

  async function publish(article: Article): Promise<Article> {
    const saved = await publishArticle(article.id);
    replace(saved);
    return saved;
  }

  async function unpublish(article: Article): Promise<Article> {
    const saved = await unpublishArticle(article.id);
    replace(saved);
    return saved;
  }

  /** Queues the notices and reloads to show the push time; resolves to how many were queued. */
  async function push(article: Article): Promise<number> {
    const { queued } = await pushArticle(article.id);
    await load();
    return queued;
  }

  async function remove(article: Article): Promise<void> {
    await deleteArticle(article.id);
    if (items.value.length === 1 && page.value > 1) page.value -= 1;
    else await load();
  }

  function filter(): void {
    if (page.value === 1) void load();
    else page.value = 1;
  }

  watch([page, pageSize], () => void load());
  watch(kind, filter);
  onMounted(load);

  return {
    kind,
    page,
    pageSize,
    items,
    total,
    loading,
    error,
    errorText,
    load,
    replace,
    publish,
    unpublish,
    push,
    remove,
  };
}
