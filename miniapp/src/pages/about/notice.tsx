import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { NOTICE_VERSION, reportNoticeText, type NoticeConsent } from '../../lib/privacy'
import { formatDateTime } from '../../lib/report-view'
import { noticeConsent } from '../../services/consent'
import Sections from '../../components/Sections'
import './about.css'
import { usePageRoot } from '../../services/text-size'
import { useRetentionYears } from '../../services/retention'

/** 举报须知 to read again at any time, with whether (and when) this device agreed to the current version. */
export default function Notice() {
  const pageRoot = usePageRoot()
  const retentionYears = useRetentionYears()
  const [consent, setConsent] = useState<NoticeConsent | null>(null)
  useDidShow(() => setConsent(noticeConsent()))
  return (
    <View {...pageRoot('page about')}>
      <View className='card'>
        <Text id='notice-page-title' className='about__heading'>
          举报须知
        </Text>
        <Text className='muted'>版本 {NOTICE_VERSION}</Text>
        <Text id='notice-page-consent' className='about__text'>
          {consent ? `您已在本机于 ${formatDateTime(new Date(consent.at).toISOString())} 同意本须知。` : '本机尚未同意本须知；第一次反映问题前会请您确认。'}
        </Text>
      </View>
      <Sections sections={reportNoticeText(retentionYears)} prefix='notice-page-section' />
      <View className='card'>
        <Text id='notice-page-privacy' className='about__link' onClick={() => void Taro.navigateTo({ url: '/pages/about/privacy' })}>
          用户隐私保护指引 ›
        </Text>
      </View>
    </View>
  )
}
