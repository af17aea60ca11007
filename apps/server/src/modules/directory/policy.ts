/** The hospital's directory (departments, doctors, their QR codes) is administration. */
export const directoryPermissions = {
  'directory.manage': ['admin'],
} as const;
