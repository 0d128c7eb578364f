export * from './http';
export * from './client';
export * from './directory';
export * from './booking';
export * from './back-office';
export * from './chat';
