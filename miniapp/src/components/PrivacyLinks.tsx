import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './PrivacyLinks.css'

export const PRIVACY_URL = '/pages/about/privacy'
export const NOTICE_URL = '/pages/about/notice'

/** The footer that keeps the privacy guide (and 举报须知) one tap away on every page that collects something. */
export default function PrivacyLinks({ idPrefix, notice = true }: { idPrefix: string; notice?: boolean }) {
  return (
    <View id={`${idPrefix}-privacy-links`} className='privacy-links'>
      <Text id={`${idPrefix}-privacy`} className='privacy-links__link' onClick={() => void Taro.navigateTo({ url: PRIVACY_URL })}>
        用户隐私保护指引
      </Text>
      {notice ? (
        <>
          <Text className='privacy-links__dot'>·</Text>
          <Text id={`${idPrefix}-notice`} className='privacy-links__link' onClick={() => void Taro.navigateTo({ url: NOTICE_URL })}>
            举报须知
          </Text>
        </>
      ) : null}
    </View>
  )
}
