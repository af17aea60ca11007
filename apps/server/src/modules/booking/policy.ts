/** Number sources are run by the administration; the window checks patients in. */
export const bookingPermissions = {
  'booking.manage': ['admin'],
  'appointments.read': ['admin', 'registrar'],
  'appointments.check_in': ['admin', 'registrar'],
} as const;
