import { useRouter, type RouteLocationRaw } from 'vue-router';

/**
 * Leaves a page for the one it was opened from: a step back in history when that is the page,
 * so the finished form does not stay behind the WeChat back button; a replace when the page was
 * opened directly (from a link or a message).
 */
export function useGoBack() {
  const router = useRouter();
  return (to: RouteLocationRaw): void => {
    const back: unknown = router.options.history.state.back;
    if (typeof back === 'string' && back === router.resolve(to).fullPath) router.back();
    else void router.replace(to);
  };
}
