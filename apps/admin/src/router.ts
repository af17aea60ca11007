import { createRouter, createWebHistory } from 'vue-router';
import type { MessageKey } from './i18n';
import { safeRedirect } from './redirect';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Catalogue key of the page title. */
    title?: MessageKey;
    /** Reachable without signing in. */
    public?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory('/admin/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/LoginView.vue'),
      meta: { title: 'login.title', public: true },
    },
    {
      path: '/',
      component: () => import('./layouts/AdminLayout.vue'),
      children: [
        { path: '', redirect: { name: 'dashboard' } },
        {
          path: 'dashboard',
          name: 'dashboard',
          component: () => import('./views/DashboardView.vue'),
          meta: { title: 'nav.dashboard' },
        },
        {
          path: 'accounts',
          name: 'accounts',
          component: () => import('./views/AccountsView.vue'),
          meta: { title: 'nav.accounts' },
        },
        {
          path: ':pathMatch(.*)*',
          name: 'not-found',
          component: () => import('./views/NotFoundView.vue'),
          meta: { title: 'notFound.title' },
        },
      ],
    },
  ],
});

// The server is asked once who is signed in; afterwards a 401 from any call signs out
// (see main.ts), so the guard can trust the store.
router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.checked) await session.refresh();
  if (to.meta.public) {
    return to.name === 'login' && session.account ? safeRedirect(to.query.redirect) : true;
  }
  if (!session.account) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }
  return true;
});
