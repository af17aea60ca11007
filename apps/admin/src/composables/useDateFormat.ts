import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

/** Formats API timestamps for tables, in the console's language and the browser's time zone. */
export function useDateFormat() {
  const { locale } = useI18n();
  const formatter = computed(
    () => new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }),
  );

  return (iso: string): string => formatter.value.format(new Date(iso));
}
