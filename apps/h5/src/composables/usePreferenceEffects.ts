import { watchEffect } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import { Locale as VantLocale } from 'vant';
import vantEnUS from 'vant/es/locale/lang/en-US';
import vantZhCN from 'vant/es/locale/lang/zh-CN';
import { usePreferencesStore } from '../stores/preferences';

/**
 * Applies the reader's preferences to the whole document: the language of our copy and of
 * Vant's built-in texts, `<html lang>`, and the large-type class whose CSS variables every
 * page and every Vant component reads. Call once, from the root component.
 */
export function usePreferenceEffects(): void {
  const { locale, largeType } = storeToRefs(usePreferencesStore());
  const i18n = useI18n({ useScope: 'global' });

  watchEffect(() => {
    i18n.locale.value = locale.value;
    if (locale.value === 'en') VantLocale.use('en-US', vantEnUS);
    else VantLocale.use('zh-CN', vantZhCN);
    document.documentElement.lang = locale.value;
  });

  watchEffect(() => {
    document.documentElement.classList.toggle('large-type', largeType.value);
  });
}
