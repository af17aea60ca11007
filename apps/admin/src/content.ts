import type { Article } from '@zhangyi/contracts';

/** Where an article stands, as one word for its tag. */
export type ArticleState = 'draft' | 'published' | 'pushed';

export function articleState(article: Pick<Article, 'status' | 'pushedAt'>): ArticleState {
  if (article.status === 'draft') return 'draft';
  return article.pushedAt ? 'pushed' : 'published';
}

/** Only a published article that has not been sent yet can be pushed (the server allows once). */
export function canPush(article: Pick<Article, 'status' | 'pushedAt'>): boolean {
  return article.status === 'published' && !article.pushedAt;
}

/**
 * A link or image address typed into the editor, trimmed, or null when the server's sanitiser
 * would drop it anyway: only http(s) addresses and paths on this site survive.
 */
export function safeUrl(input: string | null | undefined): string | null {
  const value = input?.trim() ?? '';
  if (!value) return null;
  if (/^https?:\/\/[^\s]+$/i.test(value)) return value;
  if (/^\/[^\s/]/.test(value) || value === '/') return value;
  return null;
}

/**
 * Whether the editor holds no text and no image: `contenteditable` leaves `<br>` or empty
 * paragraphs behind after everything is deleted, which should save as an empty body.
 */
export function isBlankHtml(html: string): boolean {
  if (/<img\b/i.test(html)) return false;
  return (
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim() === ''
  );
}
