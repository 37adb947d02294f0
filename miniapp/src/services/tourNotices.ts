import { pageOf } from '@msjd/shared/units'
import { publicTourNoticeSchema } from '@msjd/shared/tours'
import { request } from './request'

/** 巡察公示 as the public sees it (server/src/modules/notices/routes.ts, under /api/public): published only. */

export const NOTICE_PAGE_SIZE = 20
const noticePage = pageOf(publicTourNoticeSchema)

/** Current rounds first (the server's order). Silent: the list page says what went wrong in place. */
export const listTourNotices = (page: number) =>
  request({ path: `/api/public/tour-notices?page=${page}&pageSize=${NOTICE_PAGE_SIZE}`, schema: noticePage, silent: true })

/** A withdrawn or unknown notice answers 404. Silent, for the same reason. */
export const getTourNotice = (id: string) =>
  request({ path: `/api/public/tour-notices/${encodeURIComponent(id)}`, schema: publicTourNoticeSchema, silent: true })
