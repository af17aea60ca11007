/** Articles and announcements are written and pushed by administrators. */
export const contentPermissions = {
  'content.manage': ['admin'],
} as const;
