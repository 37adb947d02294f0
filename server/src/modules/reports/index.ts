// The door of the reports module for other modules: image handling (rectification evidence takes photos as reports
// do), the report workflow that enterprise complaints reuse, the 立行立改 notices a rectification task follows, the
// per-report data keys that retention destroys and files open, and the caches a calendar change invalidates.
export { cleanImage, sniff } from './images';
export { calendarOverrides, citizenRate, DEFAULT_REPLY_WORKDAYS, enqueueNotice, toPublicView } from './service';
export { nextSerial } from './serial';
export { REPLY_CLOCK_STATUSES } from './lifecycle';
export { followNotice, noticesOfTasks } from './notices';
export { dataDestroyed, destroyReportDataKey, reportDataKey } from './data-keys';
export { invalidateReportCaches } from './submit-cache';
