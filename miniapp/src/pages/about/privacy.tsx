import { Text, View } from '@tarojs/components'
import { PRIVACY_VERSION, privacyPolicyText } from '../../lib/privacy'
import Sections from '../../components/Sections'
import './about.css'
import { usePageRoot } from '../../services/text-size'
import { useRetentionYears } from '../../services/retention'

/** 用户隐私保护指引 (the privacy policy): what, why, who, how long, the citizen's rights, whom to contact. */
export default function Privacy() {
  const pageRoot = usePageRoot()
  const retentionYears = useRetentionYears()
  return (
    <View {...pageRoot('page about')}>
      <View className='card'>
        <Text id='privacy-title' className='about__heading'>
          码上监督用户隐私保护指引
        </Text>
        <Text className='muted'>版本 {PRIVACY_VERSION}</Text>
      </View>
      <Sections sections={privacyPolicyText(retentionYears)} prefix='privacy-section' />
    </View>
  )
}
