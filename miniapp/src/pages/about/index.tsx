import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './about.css'
import { usePageRoot } from '../../services/text-size'

export default function About() {
  const pageRoot = usePageRoot()
  return (
    <View {...pageRoot('page about')}>
      <View className='card'>
        <Text id='about-title' className='about__heading'>
          码上监督
        </Text>
        <Text className='about__text'>县纪委监委“智慧纪检大数据监督平台”的群众端：扫码反映身边的作风问题和侵害群众利益问题，查询办理进度，参与巡察调研和营商环境评价。</Text>
        <Text className='about__text'>主办：县纪委监委</Text>
        <Text id='about-privacy' className='about__link' onClick={() => Taro.navigateTo({ url: '/pages/about/privacy' })}>
          隐私政策 ›
        </Text>
      </View>
    </View>
  )
}
