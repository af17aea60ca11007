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
      path: '/patients',
      name: 'patients',
      component: () => import('./pages/PatientsPage.vue'),
      meta: { title: 'patients.title' },
    },
    {
      path: '/patients/new',
      name: 'patient-new',
      component: () => import('./pages/PatientFormPage.vue'),
      meta: { title: 'patientForm.title' },
    },
    {
      path: '/patients/:id/edit',
      name: 'patient-edit',
      component: () => import('./pages/PatientEditPage.vue'),
      props: true,
      meta: { title: 'patientForm.editTitle' },
    },
    {
      path: '/patients/:id/qrcode',
      name: 'patient-qrcode',
      component: () => import('./pages/PatientQrCodePage.vue'),
      props: true,
      meta: { title: 'qrcode.title' },
    },
    {
      path: '/patients/:id/card',
      name: 'patient-card',
      component: () => import('./pages/PatientCardPage.vue'),
      props: true,
      meta: { title: 'bindCard.title' },
    },
    {
      path: '/departments/:id',
      name: 'department',
      component: () => import('./pages/DepartmentPage.vue'),
      props: true,
      meta: { title: 'department.title' },
    },
    {
      path: '/doctors',
      name: 'doctor-search',
      component: () => import('./pages/DoctorSearchPage.vue'),
      props: (route) => ({ q: typeof route.query.q === 'string' ? route.query.q.trim() : '' }),
      meta: { title: 'doctorSearch.title' },
    },
    {
      path: '/doctors/:id',
      name: 'doctor',
      component: () => import('./pages/DoctorPage.vue'),
      props: true,
      meta: { title: 'doctor.title' },
    },
    {
      path: '/booking',
      name: 'booking',
      component: () => import('./pages/BookingPage.vue'),
      meta: { title: 'booking.title' },
    },
    {
      path: '/schedules/:id',
      name: 'schedule',
      component: () => import('./pages/SchedulePage.vue'),
      props: true,
      meta: { title: 'booking.slotsTitle' },
    },
    {
      path: '/schedules/:id/confirm',
      name: 'booking-confirm',
      component: () => import('./pages/BookingConfirmPage.vue'),
      props: (route) => ({
        id: route.params.id,
        slotId: typeof route.query.slot === 'string' ? route.query.slot : undefined,
      }),
      meta: { title: 'booking.confirmTitle' },
    },
    {
      path: '/appointments',
      name: 'appointments',
      component: () => import('./pages/AppointmentsPage.vue'),
      props: (route) => ({ scope: route.query.scope === 'past' ? 'past' : 'upcoming' }),
      meta: { title: 'appointments.title' },
    },
    {
      // Notification messages link here directly, so it must not depend on the list page.
      path: '/appointments/:id',
      name: 'appointment',
      component: () => import('./pages/AppointmentPage.vue'),
      props: true,
      meta: { title: 'appointments.detailTitle' },
    },
    {
      // `?pay=1` opens WeChat Pay at once (straight after booking, or 继续支付).
      path: '/appointments/:id/result',
      name: 'appointment-result',
      component: () => import('./pages/PaymentResultPage.vue'),
      props: true,
      meta: { title: 'payment.title' },
    },
    {
      path: '/articles',
      name: 'articles',
      component: () => import('./pages/ArticlesPage.vue'),
      props: (route) => ({
        kind: route.query.kind === 'announcement' ? 'announcement' : 'article',
      }),
      meta: { title: 'articles.title' },
    },
    {
      // Notification messages link here directly, so it must not depend on the list page.
      path: '/articles/:id',
      name: 'article',
      component: () => import('./pages/ArticlePage.vue'),
      props: true,
      meta: { title: 'articles.detailTitle' },
    },
    {
      path: '/hospital',
      name: 'hospital',
      component: () => import('./pages/HospitalPage.vue'),
      meta: { title: 'hospital.title' },
    },
    {
      path: '/repair',
      name: 'repair',
      component: () => import('./pages/RepairReportPage.vue'),
      meta: { title: 'repair.title' },
    },
    {
      // A label's short URL lands here after silent OAuth (LABEL_REPORT_PAGE in the contracts).
      path: '/repair/label/:token',
      name: 'repair-label',
      component: () => import('./pages/RepairReportPage.vue'),
      props: true,
      meta: { title: 'repair.title' },
    },
    {
      path: '/repair/device/:id',
      name: 'repair-device',
      component: () => import('./pages/RepairReportPage.vue'),
      props: (route) => ({ deviceId: route.params.id }),
      meta: { title: 'repair.title' },
    },
    {
      path: '/tickets',
      name: 'tickets',
      component: () => import('./pages/TicketsPage.vue'),
      meta: { title: 'mine.repair' },
    },
    {
      // Ticket notices link here directly (TICKET_PAGE in the contracts).
      path: '/tickets/:id',
      name: 'ticket',
      component: () => import('./pages/TicketPage.vue'),
      props: true,
      meta: { title: 'tickets.title' },
    },
    {
      path: '/engineer',
      name: 'engineer-queue',
      component: () => import('./pages/EngineerQueuePage.vue'),
      props: (route) => ({
        scope: ['unassigned', 'group', 'done', 'all'].includes(String(route.query.scope))
          ? route.query.scope
          : 'mine',
      }),
      meta: { title: 'engineer.title' },
    },
    {
      path: '/staff-binding',
      name: 'staff-binding',
      component: () => import('./pages/StaffBindingPage.vue'),
      meta: { title: 'staffBinding.title' },
    },
    {
      // 设备调配中心: four tabs for applicants and managers.
      path: '/lending',
      component: () => import('./pages/LendingLayout.vue'),
      children: [
        { path: '', redirect: { name: 'lending-me' } },
        {
          path: 'me',
          name: 'lending-me',
          component: () => import('./pages/LendingMePage.vue'),
          meta: { title: 'lending.title' },
        },
        {
          path: 'apply',
          name: 'lending-apply',
          component: () => import('./pages/LendingApplyPage.vue'),
          meta: { title: 'lending.tabs.apply' },
        },
        {
          path: 'loans',
          name: 'lending-loans',
          component: () => import('./pages/LendingLoansPage.vue'),
          meta: { title: 'lending.tabs.loans' },
        },
        {
          path: 'loans/:id',
          name: 'lending-loan',
          component: () => import('./pages/LoanPage.vue'),
          props: true,
          meta: { title: 'lending.loanTitle' },
        },
        {
          path: 'statement',
          name: 'lending-statement',
          component: () => import('./pages/LendingStatementPage.vue'),
          meta: { title: 'lending.statement' },
        },
        {
          path: 'announcements',
          name: 'lending-announcements',
          component: () => import('./pages/LendingAnnouncementsPage.vue'),
          meta: { title: 'lending.tabs.announcements' },
        },
      ],
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
