export { notificationRoutes } from './routes';
export { collectNotifications } from './service';
