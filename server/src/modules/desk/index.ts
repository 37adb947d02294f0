export { deskRoutes } from './routes';
export { dueSoonUntil } from './service';
export { loadOverrides } from './overrides';
