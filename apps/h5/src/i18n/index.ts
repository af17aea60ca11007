import { createI18n } from 'vue-i18n';
import type { Locale } from '@zhangyi/contracts';
import zhCN, { type Messages } from './zh-CN';

/** The languages the H5 pages offer, Simplified Chinese first. */
export const locales: readonly Locale[] = ['zh-CN', 'en'];

/** Narrows an untrusted string (localStorage, query) to a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted key of the catalogue, e.g. `tabs.home`, for keys kept in configuration. */
export type MessageKey = Leaves<Messages>;

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // English loads when a reader chooses it (loadLocaleMessages): most readers never do.
  // Typed as complete: English is set by loadLocaleMessages before it can be selected.
  messages: { 'zh-CN': zhCN } as Record<Locale, Messages>,
});

/** Makes a locale's catalogue available, fetching it the first time it is needed. */
export async function loadLocaleMessages(locale: Locale): Promise<void> {
  if (locale === 'zh-CN' || i18n.global.availableLocales.includes(locale)) return;
  const { default: messages } = await import('./en');
  i18n.global.setLocaleMessage(locale, messages);
}

declare module 'vue-i18n' {
  // Checks every `t('...')` key against the Chinese catalogue.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}
