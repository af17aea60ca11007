export * from './errors';
export * from './route';
export * from './common';
export * from './auth';
export * from './accounts';
export * from './dashboard';
export * from './hospital';
export * from './client';
