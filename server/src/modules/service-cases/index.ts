// 服务办理: browse the imported service cases (办件) with their warnings and their items' 申报材料.
export { serviceCaseRoutes } from './routes';
