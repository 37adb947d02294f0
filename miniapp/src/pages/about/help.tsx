import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { HOTLINE, reportNoticeText } from '../../lib/privacy'
import Sections from '../../components/Sections'
import './about.css'
import { usePageRoot } from '../../services/text-size'
import { useRetentionYears } from '../../services/retention'

const faq = [
  { title: '反映后多久有答复？', paragraphs: ['3 个工作日内决定是否受理；受理后一般 15 个工作日内答复。每一步都会在“进度查询”中显示，订阅了消息的还会收到微信通知。'] },
  { title: '查询码和密码丢了怎么办？', paragraphs: ['保密反映的查询码和密码无法找回，也无法重新发送。可以重新反映一次，并在描述中说明。'] },
]

export default function Help() {
  const pageRoot = usePageRoot()
  const retentionYears = useRetentionYears()
  return (
    <View {...pageRoot('page about')}>
      <View className='card'>
        <Text className='about__heading'>举报电话</Text>
        <Text id='help-hotline' className='about__hotline'>
          {HOTLINE}
        </Text>
        <Button id='help-call' className='primary-button' onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}>
          拨打 {HOTLINE}
        </Button>
      </View>
      <Sections sections={faq} prefix='help-faq' />
      <Sections sections={reportNoticeText(retentionYears)} prefix='help-notice' />
    </View>
  )
}
