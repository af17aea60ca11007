/** Who may manage staff accounts and see their personal data in full. */
export const accountPermissions = {
  'accounts.read': ['admin'],
  'accounts.manage': ['admin'],
} as const;
