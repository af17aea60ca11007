// Public surface of @zhangyi/wechat. Everything a caller needs is exported from here.
export * from './errors';
export * from './core';
export * from './message/signature';
export * from './message/crypto';
export * from './message/xml';
export * from './message/inbound';
export * from './message/reply';
export * from './message/server';
export * from './message/dedupe';
