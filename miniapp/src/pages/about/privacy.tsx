import { Text, View } from '@tarojs/components'
import { PRIVACY_VERSION, privacyPolicy } from '../../lib/privacy'
import Sections from './Sections'
import './about.css'

export default function Privacy() {
  return (
    <View className='page about'>
      <View className='card'>
        <Text id='privacy-title' className='about__heading'>
          码上监督隐私政策
        </Text>
        <Text className='muted'>版本 {PRIVACY_VERSION}</Text>
      </View>
      <Sections sections={privacyPolicy} prefix='privacy-section' />
    </View>
  )
}
