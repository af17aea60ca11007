import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { Locale } from '@zhangyi/contracts';
import { isLocale } from '../i18n';

const LOCALE_KEY = 'zhangyi.h5.locale';
const LARGE_TYPE_KEY = 'zhangyi.h5.largeType';

// WeChat's browser can refuse storage (private mode, full quota); preferences then last for the visit.
function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // keep the in-memory value
  }
}

/** The reader's language and large-type choice, remembered on this phone. */
export const usePreferencesStore = defineStore('preferences', () => {
  const stored = readStored(LOCALE_KEY);
  const locale = ref<Locale>(isLocale(stored) ? stored : 'zh-CN');
  const largeType = ref(readStored(LARGE_TYPE_KEY) === '1');

  watch(locale, (value) => writeStored(LOCALE_KEY, value));
  watch(largeType, (value) => writeStored(LARGE_TYPE_KEY, value ? '1' : '0'));

  function setLocale(value: Locale): void {
    locale.value = value;
  }

  function setLargeType(value: boolean): void {
    largeType.value = value;
  }

  return { locale, largeType, setLocale, setLargeType };
});
