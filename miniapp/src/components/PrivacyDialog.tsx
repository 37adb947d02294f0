import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { PrivacyGuard, PrivacyPrompt } from '../lib/privacy-authorization'
import { privacyGuard } from '../services/privacy'
import './PrivacyDialog.css'

/** WeChat checks that the button with this id (open-type="agreePrivacyAuthorization") was the one tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

/**
 * The in-app 用户隐私保护指引 dialog of the weapp, on every page that uses photos, location or the clipboard: shown
 * when WeChat holds such an API until the citizen agrees. Never shows in H5 (no prompt ever arrives there).
 */
export default function PrivacyDialog({ guard = privacyGuard }: { guard?: PrivacyGuard }) {
  const [prompt, setPrompt] = useState<PrivacyPrompt>(null)
  useEffect(() => guard.subscribe(setPrompt), [guard])
  useEffect(() => {
    if (prompt) guard.shown()
  }, [prompt, guard])
  if (!prompt) return null
  return (
    <View id='privacy-dialog' className='privacy-dialog' catchMove>
      <View className='privacy-dialog__panel' role='dialog' aria-labelledby='privacy-dialog-title'>
        <Text id='privacy-dialog-title' className='privacy-dialog__title'>
          用户隐私保护提示
        </Text>
        <Text className='privacy-dialog__text'>
          添加照片或视频、拍摄、选择位置、复制查询码等功能需要使用您的相册、摄像头、麦克风、位置或剪切板。使用前请阅读并同意
        </Text>
        <Text id='privacy-dialog-guide' className='privacy-dialog__link' onClick={() => void Taro.navigateTo({ url: '/pages/about/privacy' })}>
          《码上监督用户隐私保护指引》
        </Text>
        <Text className='privacy-dialog__text muted'>不同意也可以继续反映问题，只是不能使用这些功能。</Text>
        <View className='privacy-dialog__actions'>
          <Button id='privacy-disagree' className='privacy-dialog__button' onClick={() => guard.disagree()}>
            不同意
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-dialog__button privacy-dialog__button--agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => guard.agree(AGREE_BUTTON_ID)}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
