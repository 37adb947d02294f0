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
import PrivacyLinks from '../../components/PrivacyLinks'
import PrivacyDialog from '../../components/PrivacyDialog'
import { usePageRoot } from '../../services/text-size'

type Resolved =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ok'; prefill: ScenePrefill; notice: PublicTourNotice | null; point: BusinessPoint | null }
  | { kind: 'failed'; message: string }

/** Why a code cannot be used, in words the citizen can act on (the server says when a round ended or a code was replaced). */
function failureMessage(status: number, code: string, message: string): string {
  if (code === 'SCENE_EXPIRED') return message
  if (status === 404 || status === 400) return '二维码无效，可能已被更换或污损'
  return message
}

/**
 * Where the posters' codes land (mini-program code: `scene`; 普通链接二维码: `q`; H5: `?s=`). The server checks the
 * signed scene and names the tour round and unit (or monitoring point): that name is the page's headline, and
 * “我要反映” opens the form with them filled in, for this visit only. An inspected unit's scene shows its published
 * 巡察公示 first. A code that cannot be used says so once, and offers to report without it.
 */
export default function Scene() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const reading = readScene(params)
  const [resolved, setResolved] = useState<Resolved>(reading.kind === 'ok' ? { kind: 'loading' } : { kind: 'idle' })

  useLoad(() => {
    if (reading.kind !== 'ok') return
    resolveScene(reading.scene)
      .then((r) => {
        const prefill = scenePrefill(r)
        setResolved({
          kind: 'ok',
          prefill,
          notice: r.kind === 'tour_unit' ? r.notice : null,
          // a monitoring point's code also lets an enterprise bind there, rate and complain (营商环境)
          point: r.kind === 'monitoring_point' && r.monitoringPoint ? { id: r.monitoringPoint.id, name: r.monitoringPoint.name } : null,
        })
        if (prefill.label) void Taro.setNavigationBarTitle({ title: prefill.label.slice(0, 16) })
      })
      .catch((error: unknown) => {
        const failure = toApiRequestError(error)
        setResolved({ kind: 'failed', message: failureMessage(failure.status, failure.code, failure.message) })
      })
  })

  const onReport = () => {
    // without a usable code the form opens as from 首页: nothing is filled in
    handOverScene(resolved.kind === 'ok' ? resolved.prefill : { clear: true })
    void Taro.switchTab({ url: tabRoutes.report })
  }

  const onBusiness = (point: BusinessPoint) => {
    handOverPoint(point)
    void Taro.navigateTo({ url: '/pages/business/index' })
  }

  const notice = resolved.kind === 'ok' ? resolved.notice : null
  const point = resolved.kind === 'ok' ? resolved.point : null
  const unusable = reading.kind !== 'ok' || resolved.kind === 'failed'
  const problem =
    reading.kind === 'none'
      ? '没有识别到二维码信息，请用微信“扫一扫”重新扫描海报上的二维码'
      : reading.kind === 'invalid'
        ? '二维码内容不完整或不正确，请重新扫描海报上的二维码'
        : resolved.kind === 'failed'
          ? resolved.message
          : null
  return (
    <View {...pageRoot('page')}>
      {notice ? <TourNoticeView notice={notice} /> : null}
      <View className='card scene'>
        {resolved.kind === 'ok' ? (
          <>
            <Text className='scene__label muted'>{resolved.prefill.tourRoundId ? '巡察反映' : '营商环境监测点'}</Text>
            <Text id='scene-target' className='scene__target'>
              {resolved.prefill.label || '已识别二维码'}
            </Text>
            <Text id='scene-note' className='scene__note muted'>
              {notice ? '对照上述公示，' : ''}点击“我要反映”，将自动填写被反映单位；这只对本次反映有效，填写时也可以去掉。
            </Text>
          </>
        ) : resolved.kind === 'loading' ? (
          <>
            <Text id='scene-loading' className='scene__target'>
              正在识别二维码…
            </Text>
            <Text id='scene-note' className='scene__note muted'>
              识别后点击“我要反映”，将自动填写被反映单位。
            </Text>
          </>
        ) : (
          <>
            <Text id='scene-error-title' className='scene__target'>
              这个二维码暂时无法使用
            </Text>
            <Text id='scene-error' className='scene__value--bad'>
              {problem}
            </Text>
            <Text id='scene-note' className='scene__note muted'>
              您仍然可以直接反映问题，被反映单位等信息需要自己填写。
            </Text>
          </>
        )}
        <Button id='scene-report' className='primary-button' disabled={resolved.kind === 'loading'} onClick={onReport}>
          {unusable ? '直接反映问题' : '我要反映'}
        </Button>
        {point ? (
          <Button id='scene-business' className='scene__plain-button' onClick={() => onBusiness(point)}>
            企业评价与投诉
          </Button>
        ) : null}
        <Button id='scene-home' className='scene__plain-button' onClick={() => Taro.switchTab({ url: tabRoutes.home })}>
          进入首页
        </Button>
        {reading.kind === 'ok' ? (
          <Text className='scene__code muted'>
            二维码编号 <Text id='scene-value'>{reading.scene}</Text>
          </Text>
        ) : null}
      </View>
      <PrivacyLinks idPrefix='scene' />
      <PrivacyDialog />
    </View>
  )
}
