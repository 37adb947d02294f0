/*
 * 整改跟踪 (menu path /tours/rectifications): the task list and a task's page (/tours/rectifications/:id).
 * Which tasks appear is the server's decision (a unit liaison gets its own unit's, a tour group its units').
 *
 * Stable element ids for browser flows:
 *   list    rect-status-filter, rect-overdue-filter, rect-incomplete-filter, rect-overdue-count, rect-table
 *           (rows: data-row-key=<id>, data-overdue), rect-open-<id> (the task's title link)
 *   create  (tour staff) rect-create -> rect-new-source, rect-new-source-id, rect-new-round, rect-new-inspected-unit,
 *           rect-new-unit (leaders, when no round is chosen), rect-new-title, rect-new-requirement, rect-new-deadline,
 *           rect-new-confirm
 *   detail  rect-status, rect-due, rect-evidence (the list), rect-evidence-view-<evidenceId>,
 *           liaison: rect-evidence-note, rect-evidence-file (the <input type=file>), rect-evidence-pick,
 *                    rect-submit -> rect-submit-note, rect-submit-confirm
 *           staff:   rect-accept -> rect-accept-note, rect-accept-incomplete, rect-accept-confirm;
 *                    rect-return -> rect-return-reason, rect-return-confirm;
 *                    rect-mark-incomplete -> rect-incomplete-note, rect-incomplete-confirm
 */
import { Route, Routes } from 'react-router-dom'
import { NotFoundPage } from '../../layout/StatusPages'
import { RectificationDetail } from './RectificationDetail'
import { RectificationList } from './RectificationList'

export default function RectificationPage() {
  return (
    <Routes>
      <Route index element={<RectificationList />} />
      <Route path=":id" element={<RectificationDetail />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
