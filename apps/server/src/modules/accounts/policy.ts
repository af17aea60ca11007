/**
 * Who may manage staff accounts and see their personal data in full, and who may look staff up
 * by name to put them somewhere (a group, the lending applicants).
 */
export const accountPermissions = {
  'accounts.read': ['admin'],
  'accounts.manage': ['admin'],
  /** Names and roles of active staff for people pickers (engineer groups, lending applicants). */
  'staff.pick': ['admin', 'equipment_manager'],
} as const;
