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

  it('shows an administrator the Official Account, directory and content groups in order', () => {
    const entries = visibleMenu(menu, () => true);
    expect(entries.filter(isGroup).map((entry) => entry.group)).toEqual([
      'messages',
      'wechat',
      'directory',
      'content',
    ]);
    expect(routesOf(entries).slice(-5)).toEqual([
      'hospital',
      'departments',
      'doctors',
      'directory-import',
      'articles',
    ]);
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
