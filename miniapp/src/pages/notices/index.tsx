import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { PublicTourNotice } from '@msjd/shared/tours'
import { toApiRequestError } from '../../lib/api-error'
import { beijingToday, mergeNoticePages, noticeDetailUrl, noticePeriod, noticeSections, noticeSubject, roundBadge } from '../../lib/tour-notices'
import { listTourNotices } from '../../services/tourNotices'
import './index.css'
import { usePageRoot } from '../../services/text-size'

type Load = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; message: string }

/** 巡察公示: published notices only, rounds under way first; tap one for its contacts and how to report. */
export default function NoticeList() {
  const pageRoot = usePageRoot()
  const today = beijingToday()
  const [notices, setNotices] = useState<PublicTourNotice[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetchPage = (next: number) => {
    setLoad({ kind: 'loading' })
    listTourNotices(next)
      .then((r) => {
        setNotices((shown) => (next === 1 ? r.items : mergeNoticePages(shown, r.items)))
        setTotal(r.total)
        setPage(next)
        setLoad({ kind: 'ready' })
      })
      .catch((error: unknown) => setLoad({ kind: 'failed', message: toApiRequestError(error).message }))
  }

  useLoad(() => fetchPage(1))

  const sections = noticeSections(notices)
  return (
    <View {...pageRoot('page')}>
      <View id='notice-list' className='notice-list'>
        {sections.map((section) => (
          <View key={section.key} className='notice-list__section'>
            <Text className='notice-list__heading'>{section.title}</Text>
            {section.items.map((n) => (
              <View
                key={n.id}
                id={`notice-item-${n.id}`}
                className='card notice-list__item'
                hoverClass='notice-list__item--pressed'
                onClick={() => void Taro.navigateTo({ url: noticeDetailUrl(n.id) })}
              >
                <Text className='notice-list__title'>{n.title}</Text>
                <Text className='notice-list__subject'>{noticeSubject(n)}</Text>
                <Text className='notice-list__period muted'>巡察时间：{noticePeriod(n.startsOn, n.endsOn)}</Text>
                <Text className={n.current ? 'notice-list__badge' : 'notice-list__badge notice-list__badge--past'}>{roundBadge(n, today)}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>

      {load.kind === 'ready' && notices.length === 0 ? (
        <View id='notice-empty' className='card muted'>
          暂无巡察公示。
        </View>
      ) : null}
      {load.kind === 'loading' ? (
        <Text id='notice-loading' className='notice-list__status muted'>
          正在加载…
        </Text>
      ) : null}
      {load.kind === 'failed' ? (
        <View className='card notice-list__failed'>
          <Text id='notice-error' className='notice-list__error'>
            {load.message}
          </Text>
          <Button id='notice-retry' className='primary-button' onClick={() => fetchPage(page + 1)}>
            重试
          </Button>
        </View>
      ) : null}
      {load.kind === 'ready' && notices.length < total ? (
        <Button id='notice-more' className='notice-list__more' onClick={() => fetchPage(page + 1)}>
          加载更多
        </Button>
      ) : null}
    </View>
  )
}
