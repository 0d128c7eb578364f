export * from './schemas/index';
export * from './crypto/index';
export * from './sdk/index';
export * from './events';
