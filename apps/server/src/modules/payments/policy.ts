/** Money: the administration reads it; refunds and reconciliation are its decisions too. */
export const paymentPermissions = {
  'payments.read': ['admin'],
  'payments.refund': ['admin'],
} as const;
