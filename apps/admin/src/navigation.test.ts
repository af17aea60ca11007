import { describe, expect, it } from 'vitest';
import { firstPage, isGroup, menu, visibleMenu } from './navigation';

const routesOf = (entries: ReturnType<typeof visibleMenu>) =>
  entries.flatMap((entry) => (isGroup(entry) ? entry.items.map((i) => i.route) : [entry.route]));

describe('visibleMenu', () => {
  it('shows an engineer the dashboard, the notification pages and the jobs, not accounts', () => {
    const engineer = new Set(['dashboard', 'notification-templates', 'notifications', 'jobs']);
    const entries = visibleMenu(menu, (route) => engineer.has(route));
    expect(routesOf(entries)).toEqual([
      'dashboard',
      'notification-templates',
      'notifications',
      'jobs',
    ]);
  });

  it('shows an administrator the Official Account, directory, booking, payment, content, equipment and lending groups in order', () => {
    const entries = visibleMenu(menu, () => true);
    expect(entries.filter(isGroup).map((entry) => entry.group)).toEqual([
      'messages',
      'wechat',
      'directory',
      'booking',
      'payments',
      'content',
      'equipment',
      'lending',
    ]);
    const routes = routesOf(entries);
    expect(routes.slice(routes.indexOf('hospital'), routes.indexOf('articles') + 1)).toEqual([
      'hospital',
      'departments',
      'doctors',
      'directory-import',
      'booking-settings',
      'schedule-templates',
      'schedules',
      'appointments',
      'payments',
      'refunds',
      'reconciliations',
      'articles',
    ]);
  });

  it('gives every booking and payment page the data-test the browser tests look for', () => {
    const tests = menu.flatMap((entry) => (isGroup(entry) ? entry.items : [entry]));
    const byRoute = Object.fromEntries(tests.map((item) => [item.route, item.test]));
    expect(byRoute).toMatchObject({
      'booking-settings': 'nav-booking-settings',
      'schedule-templates': 'nav-schedule-templates',
      schedules: 'nav-schedules',
      appointments: 'nav-appointments',
      payments: 'nav-payments',
      refunds: 'nav-refunds',
      reconciliations: 'nav-reconciliations',
    });
  });

  it('gives the ticket statistics and the lending pages the data-test the browser tests look for', () => {
    const tests = menu.flatMap((entry) => (isGroup(entry) ? entry.items : [entry]));
    const byRoute = Object.fromEntries(tests.map((item) => [item.route, item.test]));
    expect(byRoute).toMatchObject({
      'ticket-statistics': 'nav-ticket-statistics',
      'lending-statements': 'nav-lending-statements',
      'lending-loans': 'nav-lending-loans',
      'lending-devices': 'nav-lending-devices',
      'lending-statistics': 'nav-lending-stats',
      'lending-announcements': 'nav-lending-announcements',
      'lending-applicants': 'nav-lending-applicants',
    });
  });

  it('shows someone who may read payments only the payment group', () => {
    const cashier = new Set(['payments', 'refunds', 'reconciliations']);
    const entries = visibleMenu(menu, (route) => cashier.has(route));
    expect(entries.filter(isGroup).map((entry) => entry.group)).toEqual(['payments']);
    expect(firstPage(entries)).toBe('payments');
  });

  it('drops a group none of whose pages the reader may open', () => {
    const entries = visibleMenu(menu, (route) => route === 'dashboard');
    expect(entries.some(isGroup)).toBe(false);
    expect(firstPage(entries)).toBe('dashboard');
  });

  it('keeps only the allowed pages of a group and finds the first page inside it', () => {
    const entries = visibleMenu(menu, (route) => route === 'jobs');
    expect(routesOf(entries)).toEqual(['jobs']);
    expect(firstPage(entries)).toBe('jobs');
  });

  it('has no first page for a reader allowed nothing', () => {
    expect(firstPage(visibleMenu(menu, () => false))).toBeUndefined();
  });
});
