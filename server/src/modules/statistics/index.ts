export { statisticsRoutes } from './routes';
export { ALL_REPORTS, computeStatistics, previousPeriod, reportRates, type ReportScope, type Sql } from './service';
