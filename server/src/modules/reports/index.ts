// The door of the reports module for other modules. So far it opens only image handling (rectification evidence
// takes photos as reports do); the rest of reports is still imported file by file (docs/architecture.md).
export { cleanImage, sniff } from './images';
