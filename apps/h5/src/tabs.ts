import type { MessageKey } from './i18n';

/**
 * The tab bar, left to right. Later tabs (预约, 报告) are one line each here plus a route
 * with `meta.tab` set.
 */
export const tabs: readonly { route: string; icon: string; label: MessageKey }[] = [
  { route: 'home', icon: 'wap-home-o', label: 'tabs.home' },
  { route: 'mine', icon: 'user-o', label: 'tabs.mine' },
];
