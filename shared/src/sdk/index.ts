export * from './http';
export * from './client';
export * from './directory';
export * from './booking';
