export { citizenMessageRoutes } from './routes';
