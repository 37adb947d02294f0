import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { getCase, rateCase } from '../../services/business'
import { usePageLoad } from '../../services/page-load'
import './business.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import { progressIds, ReportReplyCard, ReportStatusCard, ReportTimelineCard } from '../../components/ReportProgress'
import { usePageRoot } from '../../services/text-size'

const ids = progressIds('biz-case')

/**
 * A complaint's (or bad rating's) handling, which is a report: status, the unit's reply, the timeline, and the
 * enterprise's confirmation (满意/基本满意 closes it) or dispute (不满意 reopens it once) — the rules of 进度查询
 * for reports, shown by the same components, open to every member of the enterprise.
 */
export default function CasePage() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const complaintId = params.id ?? ''
  const { data: view, setData: setView, state, busy, run } = usePageLoad(() => getCase(complaintId))

  if (state.kind === 'failed' && !view) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text id='biz-case-error' className='biz__error'>
            {state.message}
          </Text>
        </View>
      </View>
    )
  }
  if (!view) {
    return (
      <View {...pageRoot('page')}>
        <View className='card'>
          <Text className='muted'>加载中…</Text>
        </View>
      </View>
    )
  }

  return (
    <View {...pageRoot('page')}>
      <ReportStatusCard view={view} ids={ids} />
      <ReportReplyCard
        view={view}
        ids={ids}
        pendingText='尚未答复。承办单位答复后会显示在这里（15 个工作日内）。'
        rateLead='请确认办理结果'
        busy={busy}
        run={run}
        send={(rating, comment) => rateCase(complaintId, rating, comment)}
        onRated={setView}
      />
      <ReportTimelineCard view={view} ids={ids} />
      <PrivacyLinks idPrefix='case' notice={false} />
    </View>
  )
}
