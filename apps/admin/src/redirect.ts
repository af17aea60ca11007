import type { RouteLocationRaw } from 'vue-router';

/**
 * Where to go after signing in: the `redirect` query when it is a path of this console, the
 * dashboard otherwise. Anything else (`//evil.example`, `https://…`) would turn the sign-in page
 * into an open redirect.
 */
export function safeRedirect(value: unknown): RouteLocationRaw {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : { name: 'dashboard' };
}
