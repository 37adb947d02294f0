export * from './errors';
export * from './auth';
export * from './units';
export * from './tours';
