import { computed, reactive, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { FormInstance, FormRules } from 'element-plus';
import type { Article, ArticleBody, ContentKind } from '@zhangyi/contracts';
import { createArticle, updateArticle } from '../api/content';
import { isBlankHtml } from '../content';
import { URL_PATTERN } from '../directory';

export interface ArticleFormModel {
  kind: ContentKind;
  title: string;
  summary: string;
  coverUrl: string;
  body: string;
}

/**
 * The article editor. After a save the form keeps editing the saved article (a new draft
 * becomes an edit) and `saved` holds the server's answer, whose body is the sanitised HTML
 * that patients will see: the preview shows that, not what the editor holds.
 */
export function useArticleEditor() {
  const { t } = useI18n();
  const formRef = ref<FormInstance>();
  const saved = shallowRef<Article | null>(null);
  const saving = ref(false);
  const serverError = shallowRef<unknown>(null);
  const model = reactive<ArticleFormModel>({
    kind: 'article',
    title: '',
    summary: '',
    coverUrl: '',
    body: '',
  });

  const rules = computed<FormRules<ArticleFormModel>>(() => ({
    title: [{ required: true, whitespace: true, message: t('articleEditor.titleRequired') }],
    coverUrl: [{ pattern: URL_PATTERN, message: t('articleEditor.urlInvalid'), trigger: 'blur' }],
  }));

  function fill(article: Article | null, kind: ContentKind = 'article'): void {
    Object.assign(model, {
      kind: article?.kind ?? kind,
      title: article?.title ?? '',
      summary: article?.summary ?? '',
      coverUrl: article?.coverUrl ?? '',
      body: article?.body ?? '',
    });
  }

  function reset(article: Article | null, kind?: ContentKind): void {
    saved.value = article;
    serverError.value = null;
    fill(article, kind);
    formRef.value?.clearValidate();
  }

  function body(): ArticleBody {
    return {
      kind: model.kind,
      title: model.title.trim(),
      summary: model.summary.trim() || null,
      coverUrl: model.coverUrl.trim() || null,
      body: isBlankHtml(model.body) ? '' : model.body,
    };
  }

  /** Validates and saves; resolves to the saved article, or null when it did not save. */
  async function submit(): Promise<Article | null> {
    serverError.value = null;
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return null;
    saving.value = true;
    try {
      const article = saved.value
        ? await updateArticle(saved.value.id, body())
        : await createArticle(body());
      saved.value = article;
      // The editor now holds what the server kept, so a second save changes nothing unseen.
      fill(article);
      return article;
    } catch (error) {
      serverError.value = error;
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, model, rules, saved, saving, serverError, reset, submit };
}
