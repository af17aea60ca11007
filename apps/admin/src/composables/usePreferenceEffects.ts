import { computed, watchEffect } from 'vue';
import { storeToRefs } from 'pinia';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { usePreferencesStore } from '../stores/preferences';

/**
 * Applies the chosen language to our copy, `<html lang>` and the page title, and returns the
 * matching Element Plus locale for the root ConfigProvider. Call once, from the root component.
 */
export function usePreferenceEffects() {
  const { locale } = storeToRefs(usePreferencesStore());
  const i18n = useI18n({ useScope: 'global' });
  const route = useRoute();

  watchEffect(() => {
    i18n.locale.value = locale.value;
    document.documentElement.lang = locale.value;
  });

  watchEffect(() => {
    const site = i18n.t('app.name');
    document.title = route.meta.title ? `${i18n.t(route.meta.title)} - ${site}` : site;
  });

  return computed(() => (locale.value === 'en' ? elementEn : elementZhCn));
}
