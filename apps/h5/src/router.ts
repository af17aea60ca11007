import { createRouter, createWebHistory } from 'vue-router';
import type { MessageKey } from './i18n';
import HomePage from './pages/HomePage.vue';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Catalogue key of the page title shown in WeChat's title bar. */
    title?: MessageKey;
    /** Shows the tab bar under the page. */
    tab?: boolean;
  }
}

// The home page is in the first bundle because nearly every visit starts there; the others
// load on demand.
export const router = createRouter({
  history: createWebHistory('/h5/'),
  routes: [
    { path: '/', name: 'home', component: HomePage, meta: { title: 'home.title', tab: true } },
    {
      path: '/mine',
      name: 'mine',
      component: () => import('./pages/MinePage.vue'),
      meta: { title: 'mine.title', tab: true },
    },
    {
      path: '/coming-soon/:feature',
      name: 'coming-soon',
      component: () => import('./pages/ComingSoonPage.vue'),
      meta: { title: 'comingSoon.title' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./pages/NotFoundPage.vue'),
      meta: { title: 'notFound.title' },
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

// Every page is reached through silent OAuth; the first navigation waits for the session.
router.beforeEach(async (to) => {
  await useSessionStore().ensureSignedIn(router.resolve(to).href);
});
