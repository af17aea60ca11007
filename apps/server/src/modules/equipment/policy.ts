/** The equipment registry: engineers read it; equipment managers and administrators keep it. */
export const equipmentPermissions = {
  'equipment.read': ['engineer', 'equipment_manager', 'admin'],
  'equipment.manage': ['equipment_manager', 'admin'],
} as const;
