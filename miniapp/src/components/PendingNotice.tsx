import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { tabRoutes } from '../lib/features'
import './PendingNotice.css'

interface Props {
  /** Prefix of the element ids, so each page's notice can be found in tests. */
  idPrefix: string
  title: string
  summary?: string
  /** Tab pages are already one tap from home; other pages get a way back. */
  showHomeButton?: boolean
}

/** Says plainly that a feature is not open yet, instead of showing made-up content. */
export default function PendingNotice({ idPrefix, title, summary, showHomeButton = false }: Props) {
  return (
    <View className='pending card'>
      <Text id={`${idPrefix}-title`} className='pending__title'>
        {title}
      </Text>
      <Text id={`${idPrefix}-message`} className='pending__message'>
        该功能正在建设中，暂未开放，敬请期待。
      </Text>
      {summary ? (
        <Text id={`${idPrefix}-summary`} className='pending__summary muted'>
          开放后可以：{summary}。
        </Text>
      ) : null}
      {showHomeButton ? (
        <Button id={`${idPrefix}-home`} className='primary-button' onClick={() => Taro.switchTab({ url: tabRoutes.home })}>
          返回首页
        </Button>
      ) : null}
    </View>
  )
}
