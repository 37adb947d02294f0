// Staff accounts (用户管理).
export { userRoutes } from './routes';
