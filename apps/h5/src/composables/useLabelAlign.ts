import { computed } from 'vue';
import { usePreferencesStore } from '../stores/preferences';

/** Form labels above their inputs in large-type mode, so enlarged text gets the whole width. */
export function useLabelAlign() {
  const preferences = usePreferencesStore();
  return computed(() => (preferences.largeType ? 'top' : 'left'));
}
