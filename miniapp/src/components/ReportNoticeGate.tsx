import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { NOTICE_VERSION, reportNoticeText } from '../lib/privacy'
import { tabRoutes } from '../lib/features'
import { agreeToNotice } from '../services/consent'
import PrivacyLinks from './PrivacyLinks'
import Sections from './Sections'
import './ReportNoticeGate.css'
import { usePageRoot } from '../services/text-size'
import { useRetentionYears } from '../services/retention'

/**
 * 举报须知 before the first report from this device (and again when the text changes): what is collected and why,
 * what 保密 means and does not, how long data is kept, the warning against 诬告陷害 — then a checkbox and 同意并继续.
 */
export default function ReportNoticeGate({ onAgreed }: { onAgreed: () => void }) {
  const pageRoot = usePageRoot()
  const retentionYears = useRetentionYears()
  const [checked, setChecked] = useState(false)
  const [error, setError] = useState('')

  const onContinue = () => {
    if (!checked) {
      setError('请先阅读并勾选“我已阅读并同意《举报须知》”')
      return
    }
    // kept or not, the citizen has agreed for this visit; a device that keeps nothing simply asks again next time
    agreeToNotice()
    onAgreed()
  }

  const toggle = () => {
    setChecked((c) => !c)
    setError('')
  }

  return (
    <View id='consent-gate' {...pageRoot('page notice-gate')}>
      <View className='card notice-gate__head'>
        <Text id='consent-title' className='notice-gate__heading'>
          举报须知
        </Text>
        <Text className='muted'>反映问题前请阅读。版本 {NOTICE_VERSION}</Text>
      </View>
      <Sections sections={reportNoticeText(retentionYears)} prefix='consent-section' />
      <View className='card notice-gate__consent'>
        <View id='consent-agree' className='notice-gate__check' role='checkbox' aria-checked={checked} onClick={toggle}>
          <Text className={checked ? 'notice-gate__box notice-gate__box--on' : 'notice-gate__box'}>{checked ? '✓' : ''}</Text>
          <Text className='notice-gate__check-text'>我已阅读并同意《举报须知》和《用户隐私保护指引》</Text>
        </View>
        {error ? (
          <Text id='consent-error' className='notice-gate__error'>
            {error}
          </Text>
        ) : null}
        <Button id='consent-continue' className='primary-button' onClick={onContinue}>
          同意并继续
        </Button>
        <Button id='consent-decline' className='notice-gate__plain' onClick={() => void Taro.switchTab({ url: tabRoutes.home })}>
          暂不反映，返回首页
        </Button>
      </View>
      <PrivacyLinks idPrefix='consent' notice={false} />
    </View>
  )
}
