// Every module's tables, gathered for the query layer and for migration generation.
export * from '../modules/accounts/schema';
export * from '../modules/audit/schema';
export * from '../modules/directory/schema';
export * from '../modules/notifications/schema';
export * from '../modules/scheduler/schema';
export * from '../modules/wechat/schema';
export * from '../modules/patients/schema';
export * from '../his/schema';
export * from '../modules/content/schema';
export * from '../modules/booking/schema';
export * from '../modules/payments/schema';
export * from '../modules/equipment/schema';
export * from '../modules/tickets/schema';
export * from '../modules/lending/schema';
