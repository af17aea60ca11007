import type { Component } from 'vue';
import {
  Bell,
  Calendar,
  ChatDotRound,
  ChatLineSquare,
  DataAnalysis,
  DataBoard,
  Document,
  DocumentChecked,
  FirstAidKit,
  Grid,
  House,
  Notebook,
  OfficeBuilding,
  Upload,
  UserFilled,
  Iphone,
  Memo,
  Menu as MenuIcon,
  Money,
  Monitor,
  RefreshLeft,
  Setting,
  Tickets,
  Timer,
  User,
  Van,
  Wallet,
} from '@element-plus/icons-vue';
import type { MessageKey } from './i18n';

/** A page in the side menu; who may see it is the `permission` of its route. */
export interface MenuItem {
  /** Name of the route it opens. */
  route: string;
  label: MessageKey;
  icon: Component;
  /** `data-test` of the entry, kept stable for browser tests. */
  test: string;
}

/** A titled group of pages, shown when at least one of them is. */
export interface MenuGroup {
  group: string;
  label: MessageKey;
  icon: Component;
  items: MenuItem[];
}

export type MenuEntry = MenuItem | MenuGroup;

export function isGroup(entry: MenuEntry): entry is MenuGroup {
  return 'group' in entry;
}

export const menu: MenuEntry[] = [
  { route: 'dashboard', label: 'nav.dashboard', icon: DataBoard, test: 'nav-dashboard' },
  { route: 'accounts', label: 'nav.accounts', icon: User, test: 'nav-accounts' },
  {
    group: 'messages',
    label: 'nav.messagesGroup',
    icon: ChatDotRound,
    items: [
      {
        route: 'notification-templates',
        label: 'nav.notificationTemplates',
        icon: Memo,
        test: 'nav-notification-templates',
      },
      { route: 'notifications', label: 'nav.notifications', icon: Bell, test: 'nav-notifications' },
      { route: 'jobs', label: 'nav.jobs', icon: Timer, test: 'nav-jobs' },
    ],
  },
  {
    group: 'wechat',
    label: 'nav.wechatGroup',
    icon: Iphone,
    items: [
      { route: 'wechat-menu', label: 'nav.wechatMenu', icon: MenuIcon, test: 'nav-wechat-menu' },
      {
        route: 'wechat-replies',
        label: 'nav.wechatReplies',
        icon: ChatLineSquare,
        test: 'nav-wechat-replies',
      },
    ],
  },
  {
    group: 'directory',
    label: 'nav.directoryGroup',
    icon: FirstAidKit,
    items: [
      { route: 'hospital', label: 'nav.hospital', icon: House, test: 'nav-hospital' },
      {
        route: 'departments',
        label: 'nav.departments',
        icon: OfficeBuilding,
        test: 'nav-departments',
      },
      { route: 'doctors', label: 'nav.doctors', icon: UserFilled, test: 'nav-doctors' },
      {
        route: 'directory-import',
        label: 'nav.directoryImport',
        icon: Upload,
        test: 'nav-directory-import',
      },
    ],
  },
  {
    group: 'booking',
    label: 'nav.bookingGroup',
    icon: Calendar,
    items: [
      {
        route: 'booking-settings',
        label: 'nav.bookingSettings',
        icon: Setting,
        test: 'nav-booking-settings',
      },
      {
        route: 'schedule-templates',
        label: 'nav.scheduleTemplates',
        icon: Grid,
        test: 'nav-schedule-templates',
      },
      { route: 'schedules', label: 'nav.schedules', icon: Calendar, test: 'nav-schedules' },
      { route: 'appointments', label: 'nav.appointments', icon: Tickets, test: 'nav-appointments' },
    ],
  },
  {
    group: 'payments',
    label: 'nav.paymentsGroup',
    icon: Wallet,
    items: [
      { route: 'payments', label: 'nav.payments', icon: Money, test: 'nav-payments' },
      { route: 'refunds', label: 'nav.refunds', icon: RefreshLeft, test: 'nav-refunds' },
      {
        route: 'reconciliations',
        label: 'nav.reconciliations',
        icon: DocumentChecked,
        test: 'nav-reconciliations',
      },
    ],
  },
  {
    group: 'content',
    label: 'nav.contentGroup',
    icon: Notebook,
    items: [{ route: 'articles', label: 'nav.articles', icon: Document, test: 'nav-articles' }],
  },
  {
    group: 'equipment',
    label: 'nav.equipmentGroup',
    icon: Monitor,
    items: [
      { route: 'devices', label: 'nav.devices', icon: Monitor, test: 'nav-devices' },
      { route: 'tickets', label: 'nav.tickets', icon: Tickets, test: 'nav-tickets' },
      {
        route: 'ticket-settings',
        label: 'nav.ticketSettings',
        icon: Setting,
        test: 'nav-ticket-settings',
      },
      {
        route: 'ticket-statistics',
        label: 'nav.ticketStatistics',
        icon: DataAnalysis,
        test: 'nav-ticket-statistics',
      },
    ],
  },
  {
    group: 'lending',
    label: 'nav.lendingGroup',
    icon: Van,
    items: [
      { route: 'lending-loans', label: 'nav.loans', icon: Tickets, test: 'nav-lending-loans' },
      {
        route: 'lending-devices',
        label: 'nav.lendingDevices',
        icon: Monitor,
        test: 'nav-lending-devices',
      },
      {
        route: 'lending-applicants',
        label: 'nav.lendingApplicants',
        icon: UserFilled,
        test: 'nav-lending-applicants',
      },
      {
        route: 'lending-announcements',
        label: 'nav.lendingAnnouncements',
        icon: Bell,
        test: 'nav-lending-announcements',
      },
      {
        route: 'lending-statements',
        label: 'nav.lendingStatements',
        icon: Document,
        test: 'nav-lending-statements',
      },
      {
        route: 'lending-statistics',
        label: 'nav.lendingStatistics',
        icon: DataAnalysis,
        test: 'nav-lending-stats',
      },
    ],
  },
];

/** The entries a reader may open: items they are allowed, groups with at least one of those. */
export function visibleMenu(
  entries: MenuEntry[],
  allowed: (route: string) => boolean,
): MenuEntry[] {
  return entries.flatMap((entry): MenuEntry[] => {
    if (!isGroup(entry)) return allowed(entry.route) ? [entry] : [];
    const items = entry.items.filter((item) => allowed(item.route));
    return items.length > 0 ? [{ ...entry, items }] : [];
  });
}

/** The first page of the menu the reader may open, as a route name. */
export function firstPage(entries: MenuEntry[]): string | undefined {
  const [first] = entries;
  if (!first) return undefined;
  return isGroup(first) ? first.items[0]?.route : first.route;
}
