// The door of the notices module (巡察公示): the notice a unit's QR page and poster show.
export { currentNoticeFor, toPublicNotice } from './service';
