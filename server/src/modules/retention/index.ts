export { retentionRoutes } from './routes';
export { publicRetentionRoutes } from './public-routes';
export { retentionSchedulePlugin, runRetentionJob } from './schedule';
