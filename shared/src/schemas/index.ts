export * from './common';
export * from './accounts';
export * from './keys';
export * from './chat';
export * from './calls';
