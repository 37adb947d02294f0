// The door of the calendar module: working-day arithmetic (Asia/Shanghai days, the official exceptions and the
// commission's own overrides) and the work_calendar table other modules' SQL joins.
export { addDays, addWorkdays, isWorkday, toShanghaiDate, workdaysBetween, type CalendarOverrides, type IsoDate } from './calendar';
export { loadOverrides, refreshWorkCalendar } from './work-calendar';
