import { watchEffect } from 'vue';
import { useRoute } from 'vue-router';
import { useI18n } from 'vue-i18n';
import { useHospitalStore } from '../stores/hospital';

/**
 * Keeps the page title (WeChat shows it in its title bar) on the current page and hospital,
 * in the current language.
 */
export function useDocumentTitle(): void {
  const route = useRoute();
  const { t } = useI18n();
  const hospital = useHospitalStore();

  watchEffect(() => {
    const site = hospital.overview?.shortName ?? t('app.name');
    const page = route.meta.title ? t(route.meta.title) : '';
    document.title = page && route.name !== 'home' ? `${page} - ${site}` : site;
  });
}
