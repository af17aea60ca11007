import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { setUnauthenticatedHandler } from './api/client';
import { i18n } from './i18n';
import { router } from './router';
import { useSessionStore } from './stores/session';
import './styles/base.css';

const pinia = createPinia();
createApp(App).use(pinia).use(i18n).use(router).mount('#app');

// A session that ends while the console is open (expiry, sign-out elsewhere) sends the
// administrator to the sign-in page, coming back to where they were afterwards.
setUnauthenticatedHandler(() => {
  useSessionStore(pinia).clear();
  const current = router.currentRoute.value;
  if (!current.meta.public) {
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  }
});
