import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { homeEntries, type HomeEntry } from '../../lib/features'
import { handOverScene } from '../../services/report-storage'
import './index.css'
import { usePageRoot } from '../../services/text-size'

function open(entry: HomeEntry) {
  // a report started here is not about the unit of a code scanned earlier
  if (entry.key === 'report') handOverScene({ clear: true })
  // Tab pages can only be reached with switchTab; navigateTo to one fails silently on weapp.
  if (entry.target.kind === 'tab') void Taro.switchTab({ url: entry.target.url })
  else void Taro.navigateTo({ url: entry.target.url })
}

export default function Home() {
  const pageRoot = usePageRoot()
  return (
    <View {...pageRoot('page home')}>
      <View className='home__header'>
        <Text id='home-title' className='home__title'>
          码上监督
        </Text>
        <Text id='home-subtitle' className='home__subtitle'>
          扫码反映身边问题，查询办理进度，参与巡察监督
        </Text>
      </View>
      <View className='home__entries'>
        {homeEntries.map((entry) => (
          <View
            key={entry.key}
            id={`entry-${entry.key}`}
            className={`home__entry card home__entry--${entry.key}`}
            hoverClass='home__entry--pressed'
            onClick={() => open(entry)}
          >
            <View className='home__entry-text'>
              <Text className='home__entry-title'>{entry.title}</Text>
              <Text className='home__entry-summary muted'>{entry.summary}</Text>
            </View>
            <Text className='home__entry-arrow'>›</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
