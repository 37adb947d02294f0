// The door of the rectification module: the task a 立行立改 or 督办 notice opens, and the notice paper both print.
export { COMMISSION_NAME, deadlineParagraph, nextNoticeSerial, renderNoticePdf, requirementLines } from './notice-paper';
export { createRectificationTask } from './service';
