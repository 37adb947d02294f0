/*
 * 巡察调研 (menu path /tours/surveys): the list, the builder (/new, /:id/edit) and the results (/:id/results).
 *
 * Stable element ids for browser flows:
 *   list      survey-create (新建问卷), survey-status-filter,
 *             survey-edit-<id>, survey-publish-<id> -> survey-publish-confirm, survey-close-<id> -> survey-close-confirm,
 *             survey-delete-<id> -> survey-delete-confirm, survey-results-<id>; rows carry data-row-key=<id>
 *   builder   survey-title, survey-round, survey-intro, survey-add-type (题型 of the next question), survey-add-question,
 *             per question (qid = q1, q2 ...): survey-q-<qid>-title, -type, -required, -up, -down, -remove,
 *             -option-<oid> (o1, o2 ...), -option-<oid>-remove, -add-option, -max-choices, -max-length;
 *             survey-errors (the summary of what to fix), survey-save, survey-cancel
 *   results   survey-answer-count, survey-export (导出 Excel), survey-chart-<questionId> (one per choice/rating
 *             question), survey-texts-<questionId> (the free-text answers table)
 */
import { Route, Routes } from 'react-router-dom'
import { NotFoundPage } from '../../layout/StatusPages'
import { SurveyBuilder } from './SurveyBuilder'
import { SurveyList } from './SurveyList'
import { SurveyResultsPage } from './SurveyResultsPage'

export default function SurveysPage() {
  return (
    <Routes>
      <Route index element={<SurveyList />} />
      <Route path="new" element={<SurveyBuilder />} />
      <Route path=":id/edit" element={<SurveyBuilder />} />
      <Route path=":id/results" element={<SurveyResultsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  )
}
