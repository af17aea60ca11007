/**
 * The hospital's directory (departments, doctors, their QR codes) is administration. Its lists are
 * read also by the registration window, to filter appointments by department and doctor.
 */
export const directoryPermissions = {
  'directory.manage': ['admin'],
  'directory.read': ['admin', 'registrar'],
} as const;
