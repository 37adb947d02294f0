import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { PublicTourNotice } from '@msjd/shared/tours'
import TourNoticeView from '../../components/TourNoticeView'
import { toApiRequestError } from '../../lib/api-error'
import { tabRoutes } from '../../lib/features'
import { noticePrefill } from '../../lib/tour-notices'
import { handOverScene } from '../../services/report-storage'
import { getTourNotice } from '../../services/tourNotices'
import './detail.css'
import PrivacyDialog from '../../components/PrivacyDialog'
import { usePageRoot } from '../../services/text-size'

type Load = { kind: 'loading' } | { kind: 'ok'; notice: PublicTourNotice } | { kind: 'failed'; message: string; gone: boolean }

/** One 巡察公示; 我要反映 opens the form with the round and the inspected unit filled in. */
export default function NoticeDetail() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetchNotice = () => {
    if (!id) return setLoad({ kind: 'failed', message: '未指定公示', gone: true })
    setLoad({ kind: 'loading' })
    getTourNotice(id)
      .then((notice) => setLoad({ kind: 'ok', notice }))
      .catch((error: unknown) => {
        const failure = toApiRequestError(error)
        // A withdrawn notice answers 404 like one that never existed: both are simply no longer public.
        const gone = failure.status === 404 || failure.status === 400
        setLoad({ kind: 'failed', gone, message: gone ? '该公示已撤回或不存在' : failure.message })
      })
  }

  useLoad(fetchNotice)

  const onReport = () => {
    if (load.kind === 'ok') handOverScene(noticePrefill(load.notice))
    void Taro.switchTab({ url: tabRoutes.report })
  }

  return (
    <View {...pageRoot('page')}>
      {load.kind === 'ok' ? <TourNoticeView notice={load.notice} /> : null}
      {load.kind === 'loading' ? (
        <View id='notice-loading' className='card muted'>
          正在加载…
        </View>
      ) : null}
      {load.kind === 'failed' ? (
        <View className='card notice-detail__actions'>
          <Text id='notice-error' className='notice-detail__error'>
            {load.message}
          </Text>
          {load.gone ? null : (
            <Button id='notice-retry' className='primary-button' onClick={fetchNotice}>
              重试
            </Button>
          )}
        </View>
      ) : null}
      {load.kind === 'ok' ? (
        <View className='card notice-detail__actions'>
          <Text className='muted'>发现上述问题，可直接向巡察组反映，可实名，也可保密。</Text>
          <Button id='notice-report' className='primary-button' onClick={onReport}>
            我要反映
          </Button>
        </View>
      ) : null}
      <PrivacyDialog />
    </View>
  )
}
