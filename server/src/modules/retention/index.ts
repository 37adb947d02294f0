export { retentionRoutes } from './routes';
export { retentionSchedulePlugin, runRetentionJob } from './schedule';
