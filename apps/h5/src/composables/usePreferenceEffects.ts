import { watchEffect } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import { Locale as VantLocale } from 'vant';
import vantZhCN from 'vant/es/locale/lang/zh-CN';
import { loadLocaleMessages } from '../i18n';
import { usePreferencesStore } from '../stores/preferences';

/**
 * Applies the reader's preferences to the whole document: the language of our copy and of
 * Vant's built-in texts, `<html lang>`, and the large-type class whose CSS variables every
 * page and every Vant component reads. Call once, from the root component.
 */
export function usePreferenceEffects(): void {
  const { locale, largeType } = storeToRefs(usePreferencesStore());
  const i18n = useI18n({ useScope: 'global' });

  watchEffect(async () => {
    const wanted = locale.value;
    if (wanted === 'en') {
      // English (ours and Vant's) is fetched on first use; the first paint is in Chinese.
      const [{ default: vantEnUS }] = await Promise.all([
        import('vant/es/locale/lang/en-US'),
        loadLocaleMessages('en'),
      ]);
      if (locale.value !== wanted) return;
      VantLocale.use('en-US', vantEnUS);
    } else {
      VantLocale.use('zh-CN', vantZhCN);
    }
    i18n.locale.value = wanted;
    document.documentElement.lang = wanted;
  });

  watchEffect(() => {
    document.documentElement.classList.toggle('large-type', largeType.value);
  });
}
