import { View, Text, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { readScene } from '../../lib/scene'
import { tabRoutes } from '../../lib/features'
import './index.css'

/**
 * Where the posters' QR codes land (weapp: `scene`; H5: `?s=`). For now it only shows what it received;
 * checking the code and opening the pre-filled report form arrive with the reporting feature.
 */
export default function Scene() {
  const { params } = useRouter()
  const reading = readScene(params)

  return (
    <View className='page'>
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
        <Text id='scene-note' className='scene__note muted'>
          二维码校验及按二维码自动填写反映信息，将随“我要反映”功能一同开放。
        </Text>
        <Button id='scene-home' className='primary-button' onClick={() => Taro.switchTab({ url: tabRoutes.home })}>
          进入首页
        </Button>
      </View>
    </View>
  )
}
