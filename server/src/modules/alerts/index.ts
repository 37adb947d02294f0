// The door of the alerts module: what other modules may use of it. Everything else under alerts/ is its own.
export { type EngineDb, type Sql, sqlOf, withTransaction } from './sql';
export { listWarningItems, type WarningReader } from './warnings';
export { followUrgeNotice, urgeNoticesOfTasks } from './urge-notices';
