import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { tabRoutes } from '../../lib/features'
import { openSurveyList, readSurveyThanks, type SurveyThanks } from '../../services/surveys'
import './thanks.css'
import { usePageRoot } from '../../services/text-size'

const DEFAULT_THANKS = '感谢您参与巡察调研！您的意见将作为巡察工作的重要参考。'

/** After a questionnaire was accepted (reached by redirect, so “back” does not reopen the answered form). */
export default function SurveyThanksPage() {
  const pageRoot = usePageRoot()
  const [thanks, setThanks] = useState<SurveyThanks | null>(null)
  useLoad(() => setThanks(readSurveyThanks()))
  return (
    <View {...pageRoot('page')}>
      <View className='card survey-thanks'>
        <Text className='survey-thanks__mark'>✓</Text>
        <Text className='survey-thanks__title'>提交成功</Text>
        {thanks?.title ? (
          <Text id='survey-thanks-title' className='muted'>
            {thanks.title}
          </Text>
        ) : null}
        <Text id='survey-thanks' className='survey-thanks__message'>
          {thanks?.message || DEFAULT_THANKS}
        </Text>
        <Button id='survey-thanks-list' className='primary-button' onClick={openSurveyList}>
          查看其他调研
        </Button>
        <Button id='survey-thanks-home' className='survey-thanks__plain' onClick={() => void Taro.switchTab({ url: tabRoutes.home })}>
          返回首页
        </Button>
      </View>
    </View>
  )
}
