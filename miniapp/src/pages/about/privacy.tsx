import { Text, View } from '@tarojs/components'
import { PRIVACY_VERSION, privacyPolicy } from '../../lib/privacy'
import Sections from '../../components/Sections'
import './about.css'
import { usePageRoot } from '../../services/text-size'

/** 用户隐私保护指引 (the privacy policy): what, why, who, how long, the citizen's rights, whom to contact. */
export default function Privacy() {
  const pageRoot = usePageRoot()
  return (
    <View {...pageRoot('page about')}>
      <View className='card'>
        <Text id='privacy-title' className='about__heading'>
          码上监督用户隐私保护指引
        </Text>
        <Text className='muted'>版本 {PRIVACY_VERSION}</Text>
      </View>
      <Sections sections={privacyPolicy} prefix='privacy-section' />
    </View>
  )
}
