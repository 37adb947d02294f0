import { View, Text, Button } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { PublicTourNotice } from '@msjd/shared/tours'
import TourNoticeView from '../../components/TourNoticeView'
import { readScene } from '../../lib/scene'
import { tabRoutes } from '../../lib/features'
import { scenePrefill, type ScenePrefill } from '../../lib/report-draft'
import { toApiRequestError } from '../../lib/api-error'
import type { BusinessPoint } from '../../lib/business-point'
import { handOverPoint } from '../../services/business-point'
import { handOverScene } from '../../services/report-storage'
import { resolveScene } from '../../services/reports'
import './index.css'

type Resolved =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ok'; prefill: ScenePrefill; notice: PublicTourNotice | null; point: BusinessPoint | null }
  | { kind: 'failed'; message: string }

/**
 * Where the posters' QR codes land (weapp: `scene`; H5: `?s=`). The server checks the signed scene and names
 * the tour round and unit (or monitoring point); “我要反映” opens the form with them filled in. An inspected
 * unit's scene shows its published 巡察公示 first (the server sends none once it is withdrawn).
 */
export default function Scene() {
  const { params } = useRouter()
  const reading = readScene(params)
  const [resolved, setResolved] = useState<Resolved>({ kind: 'idle' })

  useLoad(() => {
    if (reading.kind !== 'ok') return
    setResolved({ kind: 'loading' })
    resolveScene(reading.scene)
      .then((r) =>
        setResolved({
          kind: 'ok',
          prefill: scenePrefill(r),
          notice: r.kind === 'tour_unit' ? r.notice : null,
          // a monitoring point's code also lets an enterprise bind there, rate and complain (营商环境)
          point: r.kind === 'monitoring_point' && r.monitoringPoint ? { id: r.monitoringPoint.id, name: r.monitoringPoint.name } : null,
        }),
      )
      .catch((error: unknown) => {
        const failure = toApiRequestError(error)
        setResolved({ kind: 'failed', message: failure.status === 404 || failure.status === 400 ? '二维码无效或已过期，仍可直接反映问题' : failure.message })
      })
  })

  const onReport = () => {
    if (resolved.kind === 'ok') handOverScene(resolved.prefill)
    void Taro.switchTab({ url: tabRoutes.report })
  }

  const onBusiness = (point: BusinessPoint) => {
    handOverPoint(point)
    void Taro.navigateTo({ url: '/pages/business/index' })
  }

  const notice = resolved.kind === 'ok' ? resolved.notice : null
  const point = resolved.kind === 'ok' ? resolved.point : null
  return (
    <View className='page'>
      {notice ? <TourNoticeView notice={notice} /> : null}
      <View className='card scene'>
        <Text className='scene__label muted'>二维码参数</Text>
        {reading.kind === 'ok' ? (
          <Text id='scene-value' className='scene__value'>
            {reading.scene}
          </Text>
        ) : reading.kind === 'invalid' ? (
          <Text id='scene-value' className='scene__value scene__value--bad'>
            参数格式不正确，请重新扫码
          </Text>
        ) : (
          <Text id='scene-value' className='scene__value scene__value--bad'>
            未识别到二维码参数，请使用微信扫一扫重新扫码
          </Text>
        )}
        {resolved.kind === 'ok' ? (
          <Text id='scene-target' className='scene__target'>
            {resolved.prefill.label}
          </Text>
        ) : resolved.kind === 'failed' ? (
          <Text id='scene-error' className='scene__value--bad'>
            {resolved.message}
          </Text>
        ) : null}
        <Text id='scene-note' className='scene__note muted'>
          {notice ? '对照上述公示，' : ''}点击“我要反映”，将按二维码自动填写被反映单位等信息。
        </Text>
        <Button id='scene-report' className='primary-button' onClick={onReport}>
          我要反映
        </Button>
        {point ? (
          <Button id='scene-business' className='scene__plain-button' onClick={() => onBusiness(point)}>
            企业评价与投诉
          </Button>
        ) : null}
        <Button id='scene-home' className='scene__plain-button' onClick={() => Taro.switchTab({ url: tabRoutes.home })}>
          进入首页
        </Button>
      </View>
    </View>
  )
}
