export * from './errors';
export * from './auth';
export * from './units';
export * from './tours';
export * from './reports';
export * from './calendar';
export * from './alerts';
export * from './business';
