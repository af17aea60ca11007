import { createI18n } from 'vue-i18n';
import type { Locale } from '@zhangyi/contracts';
import zhCN, { type Messages } from './zh-CN';
import en from './en';

/** The languages the console offers, Simplified Chinese first. */
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
  messages: { 'zh-CN': zhCN, en },
});

declare module 'vue-i18n' {
  // Checks every `t('...')` key against the Chinese catalogue.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}
