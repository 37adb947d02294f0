export { deskRoutes } from './routes';
export { deskFor, dueSoonSql, groupUnitCodesSql, dueSoonUntil, NOBODY, overdueSql, rectificationScope, reportScope, todosByRole, type DeskActor, type DeskContext } from './service';
export { loadOverrides } from './overrides';
