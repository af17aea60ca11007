/**
 * Equipment managers run the lending centre (approve, hand over, returns, pool, statements);
 * applicants need no permission: they are staff registered in lending_applicants, and what they
 * see is limited to their department in the operations.
 */
export const lendingPermissions = {
  'lending.manage': ['admin', 'equipment_manager'],
  'lending.stats': ['admin', 'equipment_manager'],
} as const;
