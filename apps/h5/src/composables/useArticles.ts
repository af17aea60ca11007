import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import type { ArticleSummary, ContentKind } from '@zhangyi/contracts';
import { fetchArticle, fetchArticles } from '../api/content';
import { useErrorMessage } from './useErrorMessage';
import { useLoader } from './useLoader';

const PAGE_SIZE = 10;

// The hospital publishes on Beijing time; a reader abroad should see the date it announced.
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `2026-03-01` for a publication time, or '' when there is none. */
export function publishedDate(at: string | null): string {
  if (!at) return '';
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/**
 * A load-more list of one kind, started again from the first page when the kind changes. An
 * answer for the previous kind that arrives late is dropped.
 */
export function useArticleList(kind: () => ContentKind) {
  const items = shallowRef<ArticleSummary[]>([]);
  const loading = ref(false);
  const finished = ref(false);
  const error = shallowRef<unknown>(null);
  const describe = useErrorMessage();
  const errorText = computed(() => (error.value ? describe(error.value) : ''));
  let page = 0;
  let ticket = 0;

  async function loadMore(): Promise<void> {
    if (finished.value) return;
    const mine = ++ticket;
    loading.value = true;
    error.value = null;
    try {
      const result = await fetchArticles(kind(), page + 1, PAGE_SIZE);
      if (mine !== ticket) return;
      page += 1;
      // An article published between two pages shifts the rest down by one: skip repeats.
      const seen = new Set(items.value.map((item) => item.id));
      items.value = [...items.value, ...result.items.filter((item) => !seen.has(item.id))];
      finished.value = result.items.length < PAGE_SIZE || page * PAGE_SIZE >= result.total;
    } catch (cause) {
      if (mine === ticket) error.value = cause;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  function reset(): void {
    ticket += 1;
    page = 0;
    items.value = [];
    finished.value = false;
    error.value = null;
    loading.value = false;
  }

  watch(kind, () => {
    reset();
    void loadMore();
  });

  return { items, loading, finished, error, errorText, loadMore };
}

/** An article's page data, reloaded when the address names another article. */
export function useArticle(id: () => string) {
  const loader = useLoader(fetchArticle);
  watch(id, (value) => void loader.load(value), { immediate: true });
  return loader;
}

/** The newest announcement for the home page; nothing is shown when it fails or there is none. */
export function useLatestAnnouncement() {
  const loader = useLoader(() => fetchArticles('announcement', 1, 1));
  const latest = computed(() => loader.data.value?.items[0] ?? null);
  onMounted(() => void loader.load());
  return { latest };
}
