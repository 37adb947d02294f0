import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { evaluationDimensionLabels, evaluationDimensions, type ComplaintMineItem, type EvaluationMineItem } from '@msjd/shared/business'
import { isBadLevel } from '../../lib/business'
import { formatDate } from '../../lib/report-view'
import { listMyComplaints, listMyEvaluations } from '../../services/business'
import './business.css'
import PrivacyLinks from '../../components/PrivacyLinks'
import { usePageRoot } from '../../services/text-size'

type Tab = 'evaluations' | 'complaints'

const openCase = (complaintId: string) => Taro.navigateTo({ url: `/pages/business/case?id=${encodeURIComponent(complaintId)}` })

function dimensionsText(item: EvaluationMineItem): string {
  return evaluationDimensions
    .filter((d) => item.dimensions[d] !== undefined)
    .map((d) => `${evaluationDimensionLabels[d]} ${item.dimensions[d]} 分`)
    .join('，')
}

/** 我的评价和投诉: past evaluations (a bad one links to its handling case) and complaints with their status. */
export default function MinePage() {
  const pageRoot = usePageRoot()
  const [tab, setTab] = useState<Tab>('evaluations')
  const [evaluations, setEvaluations] = useState<EvaluationMineItem[] | null>(null)
  const [complaints, setComplaints] = useState<ComplaintMineItem[] | null>(null)

  useDidShow(() => {
    listMyEvaluations().then(
      (r) => setEvaluations(r.items),
      () => setEvaluations([]),
    )
    listMyComplaints().then(
      (r) => setComplaints(r.items),
      () => setComplaints([]),
    )
  })

  return (
    <View {...pageRoot('page')}>
      <View className='biz__tabs'>
        <View id='biz-tab-evaluations' className={`biz__tab${tab === 'evaluations' ? ' biz__tab--on' : ''}`} onClick={() => setTab('evaluations')}>
          我的评价{evaluations ? `（${evaluations.length}）` : ''}
        </View>
        <View id='biz-tab-complaints' className={`biz__tab${tab === 'complaints' ? ' biz__tab--on' : ''}`} onClick={() => setTab('complaints')}>
          投诉与整改{complaints ? `（${complaints.length}）` : ''}
        </View>
      </View>

      {tab === 'evaluations' ? (
        <View className='card' id='biz-evaluations'>
          {evaluations === null ? <Text className='muted'>加载中…</Text> : null}
          {evaluations?.length === 0 ? <Text className='muted'>还没有评价记录</Text> : null}
          {evaluations?.map((e, i) => (
            <View key={e.id} id={`biz-evaluation-${i}`} className='biz__item' onClick={() => (e.complaint ? void openCase(e.complaint.id) : undefined)}>
              <View className='biz__row'>
                <Text>{e.targetName}</Text>
                <Text className={isBadLevel(e.level) ? 'biz__status biz__status--bad' : 'biz__status'}>{e.levelLabel}</Text>
              </View>
              <Text className='muted'>
                {e.campaignName} · {e.unitName} · {formatDate(e.createdAt)}
              </Text>
              {dimensionsText(e) ? <Text className='muted'>{dimensionsText(e)}</Text> : null}
              {e.comment ? <Text className='biz__hint'>{e.comment}</Text> : null}
              {e.complaint ? (
                <Text className='biz__hint biz__status'>
                  差评整改 {e.complaint.serial}：{e.complaint.statusLabel} ›
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : (
        <View className='card' id='biz-complaints'>
          {complaints === null ? <Text className='muted'>加载中…</Text> : null}
          {complaints?.length === 0 ? <Text className='muted'>还没有投诉或差评整改记录</Text> : null}
          {complaints?.map((c, i) => (
            <View key={c.id} id={`biz-complaint-${i}`} className='biz__item' onClick={() => void openCase(c.id)}>
              <View className='biz__row'>
                <Text>{c.serial}</Text>
                <Text className='biz__status'>{c.statusLabel}</Text>
              </View>
              <Text className='muted'>
                {c.kindLabel} · {c.categoryLabel} · {c.targetName === c.unitName ? c.unitName : `${c.unitName} / ${c.targetName}`}
              </Text>
              <Text className='muted'>
                提交于 {formatDate(c.createdAt)}
                {c.replyDueOn ? ` · 答复期限 ${c.replyDueOn}` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
      <PrivacyLinks idPrefix='business-mine' notice={false} />
    </View>
  )
}
