import { createRouter, createWebHistory } from 'vue-router';
import type { MessageKey } from './i18n';
import type { Permission } from './permissions';
import { safeRedirect } from './redirect';
import { useSessionStore } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Catalogue key of the page title. */
    title?: MessageKey;
    /** Reachable without signing in. */
    public?: boolean;
    /** What the server must grant for this page's data; the side menu reads it too. */
    permission?: Permission;
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
          meta: { title: 'nav.dashboard', permission: 'dashboard.read' },
        },
        {
          path: 'accounts',
          name: 'accounts',
          component: () => import('./views/AccountsView.vue'),
          meta: { title: 'nav.accounts', permission: 'accounts.read' },
        },
        {
          path: 'notifications/templates',
          name: 'notification-templates',
          component: () => import('./views/NotificationTemplatesView.vue'),
          meta: { title: 'nav.notificationTemplates', permission: 'notifications.read' },
        },
        {
          path: 'notifications',
          name: 'notifications',
          component: () => import('./views/NotificationsView.vue'),
          meta: { title: 'nav.notifications', permission: 'notifications.read' },
        },
        {
          path: 'jobs',
          name: 'jobs',
          component: () => import('./views/JobsView.vue'),
          meta: { title: 'nav.jobs', permission: 'jobs.read' },
        },
        {
          path: 'wechat/menu',
          name: 'wechat-menu',
          component: () => import('./views/WechatMenuView.vue'),
          meta: { title: 'nav.wechatMenu', permission: 'wechat.manage' },
        },
        {
          path: 'wechat/replies',
          name: 'wechat-replies',
          component: () => import('./views/WechatRepliesView.vue'),
          meta: { title: 'nav.wechatReplies', permission: 'wechat.manage' },
        },
        {
          path: 'directory/hospital',
          name: 'hospital',
          component: () => import('./views/HospitalView.vue'),
          meta: { title: 'nav.hospital', permission: 'directory.manage' },
        },
        {
          path: 'directory/departments',
          name: 'departments',
          component: () => import('./views/DepartmentsView.vue'),
          meta: { title: 'nav.departments', permission: 'directory.manage' },
        },
        {
          path: 'directory/doctors',
          name: 'doctors',
          component: () => import('./views/DoctorsView.vue'),
          meta: { title: 'nav.doctors', permission: 'directory.manage' },
        },
        {
          path: 'directory/import',
          name: 'directory-import',
          component: () => import('./views/DirectoryImportView.vue'),
          meta: { title: 'nav.directoryImport', permission: 'directory.manage' },
        },
        {
          path: 'booking/settings',
          name: 'booking-settings',
          component: () => import('./views/BookingSettingsView.vue'),
          meta: { title: 'nav.bookingSettings', permission: 'booking.manage' },
        },
        {
          path: 'booking/templates',
          name: 'schedule-templates',
          component: () => import('./views/ScheduleTemplatesView.vue'),
          meta: { title: 'nav.scheduleTemplates', permission: 'booking.manage' },
        },
        {
          path: 'booking/schedules',
          name: 'schedules',
          component: () => import('./views/SchedulesView.vue'),
          meta: { title: 'nav.schedules', permission: 'booking.manage' },
        },
        {
          path: 'booking/appointments',
          name: 'appointments',
          component: () => import('./views/AppointmentsView.vue'),
          meta: { title: 'nav.appointments', permission: 'appointments.read' },
        },
        {
          path: 'payments/orders',
          name: 'payments',
          component: () => import('./views/PaymentsView.vue'),
          meta: { title: 'nav.payments', permission: 'payments.read' },
        },
        {
          path: 'payments/refunds',
          name: 'refunds',
          component: () => import('./views/RefundsView.vue'),
          meta: { title: 'nav.refunds', permission: 'payments.read' },
        },
        {
          path: 'payments/reconciliations',
          name: 'reconciliations',
          component: () => import('./views/ReconciliationsView.vue'),
          meta: { title: 'nav.reconciliations', permission: 'payments.read' },
        },
        {
          path: 'content/articles',
          name: 'articles',
          component: () => import('./views/ArticlesView.vue'),
          meta: { title: 'nav.articles', permission: 'content.manage' },
        },
        {
          path: 'equipment/devices',
          name: 'devices',
          component: () => import('./views/DevicesView.vue'),
          meta: { title: 'nav.devices', permission: 'equipment.read' },
        },
        {
          path: 'tickets',
          name: 'tickets',
          component: () => import('./views/TicketsView.vue'),
          meta: { title: 'nav.tickets', permission: 'tickets.work' },
        },
        {
          path: 'tickets/settings',
          name: 'ticket-settings',
          component: () => import('./views/TicketSettingsView.vue'),
          meta: { title: 'nav.ticketSettings', permission: 'tickets.work' },
        },
        {
          path: 'tickets/statistics',
          name: 'ticket-statistics',
          component: () => import('./views/TicketStatisticsView.vue'),
          meta: { title: 'nav.ticketStatistics', permission: 'tickets.stats' },
        },
        {
          path: 'lending/loans',
          name: 'lending-loans',
          component: () => import('./views/LendingLoansView.vue'),
          meta: { title: 'nav.loans', permission: 'lending.manage' },
        },
        {
          path: 'lending/devices',
          name: 'lending-devices',
          component: () => import('./views/LendingDevicesView.vue'),
          meta: { title: 'nav.lendingDevices', permission: 'lending.manage' },
        },
        {
          path: 'lending/applicants',
          name: 'lending-applicants',
          component: () => import('./views/LendingApplicantsView.vue'),
          meta: { title: 'nav.lendingApplicants', permission: 'lending.manage' },
        },
        {
          path: 'lending/announcements',
          name: 'lending-announcements',
          component: () => import('./views/LendingAnnouncementsView.vue'),
          meta: { title: 'nav.lendingAnnouncements', permission: 'lending.manage' },
        },
        {
          path: 'lending/statements',
          name: 'lending-statements',
          component: () => import('./views/LendingStatementsView.vue'),
          meta: { title: 'nav.lendingStatements', permission: 'lending.manage' },
        },
        {
          path: 'lending/statistics',
          name: 'lending-statistics',
          component: () => import('./views/LendingStatisticsView.vue'),
          meta: { title: 'nav.lendingStatistics', permission: 'lending.stats' },
        },
        {
          path: ':pathMatch(.*)*',
          name: 'not-found',
          component: () => import('./views/NotFoundView.vue'),
          meta: { title: 'notFound.title' },
        },
        // Same pattern as not-found, so it never matches a typed address (the first one wins);
        // the guard sends refused pages here by name, which keeps the address the reader asked for.
        {
          path: ':pathMatch(.*)*',
          name: 'forbidden',
          component: () => import('./views/ForbiddenView.vue'),
          meta: { title: 'forbidden.title' },
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
  if (!session.can(to.meta.permission)) {
    // The dashboard is where sign-in and `/` lead; a role without it (the registration window)
    // starts on the first page it may open instead of a refusal.
    if (to.name === 'dashboard') {
      // Loaded here, not at start-up: the menu brings its icons along.
      const { firstPage, menu, visibleMenu } = await import('./navigation');
      const home = firstPage(
        visibleMenu(menu, (name) => session.can(router.resolve({ name }).meta.permission)),
      );
      if (home) return { name: home };
    }
    return {
      name: 'forbidden',
      params: { pathMatch: to.path.slice(1).split('/') },
      query: to.query,
      hash: to.hash,
    };
  }
  return true;
});
