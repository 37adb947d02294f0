import { Route, Routes } from 'react-router-dom'
import { NotFoundPage } from '../../layout/StatusPages'
import { ReportDetailPage } from './ReportDetailPage'
import { ReportsInbox } from './ReportsInbox'

/** 线索受理: the inbox at /reports and a report's page at /reports/:id (the menu route is /reports/*). */
export default function ReportsPage() {
  return (
    <Routes>
      <Route index element={<ReportsInbox />} />
      <Route path=":id" element={<ReportDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
