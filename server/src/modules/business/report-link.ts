// The pieces of the report workflow that enterprise cases reuse, named in one place.
export { calendarOverrides, DEFAULT_REPLY_WORKDAYS, enqueueNotice, REPLY_CLOCK_STATUSES as REPLY_CLOCK } from '../reports';
