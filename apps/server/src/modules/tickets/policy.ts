/**
 * Fault reporting needs no permission (any WeChat user may report). Engineers work tickets of
 * their groups; equipment managers and administrators see and steer every ticket, configure
 * dispatch and read the statistics.
 */
export const ticketPermissions = {
  'tickets.work': ['engineer', 'equipment_manager', 'admin'],
  'tickets.manage': ['equipment_manager', 'admin'],
  'tickets.stats': ['equipment_manager', 'admin'],
} as const;
