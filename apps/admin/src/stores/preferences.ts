import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { Locale } from '@zhangyi/contracts';
import { isLocale } from '../i18n';

const LOCALE_KEY = 'zhangyi.admin.locale';

function readStoredLocale(): Locale {
  try {
    const value = localStorage.getItem(LOCALE_KEY);
    return isLocale(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The administrator's language, remembered in this browser. */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<Locale>(readStoredLocale());

  watch(locale, (value) => {
    try {
      localStorage.setItem(LOCALE_KEY, value);
    } catch {
      // storage refused (private window): the choice lasts for this visit
    }
  });

  function setLocale(value: Locale): void {
    locale.value = value;
  }

  return { locale, setLocale };
});
