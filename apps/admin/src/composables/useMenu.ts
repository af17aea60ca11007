import { computed } from 'vue';
import { useRouter } from 'vue-router';
import { firstPage, menu, visibleMenu } from '../navigation';
import { useSessionStore } from '../stores/session';

/**
 * The side menu as the signed-in reader may use it. An entry is shown when the session's
 * permissions include its route's `meta.permission`, the same test the route guard applies.
 */
export function useMenu() {
  const router = useRouter();
  const session = useSessionStore();

  const entries = computed(() =>
    visibleMenu(menu, (name) => session.can(router.resolve({ name }).meta.permission)),
  );
  /** The first page the reader may open, for "back home" links. */
  const home = computed(() => firstPage(entries.value));

  /** The address of a route, for the menu's `index`. */
  function pathOf(name: string): string {
    return router.resolve({ name }).path;
  }

  return { entries, home, pathOf };
}
