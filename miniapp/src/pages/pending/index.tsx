import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import PendingNotice from '../../components/PendingNotice'
import { findPendingFeature } from '../../lib/features'
import { usePageRoot } from '../../services/text-size'

/** The one placeholder for every feature that is not built yet: `?feature=<key>` from lib/features. */
export default function Pending() {
  const pageRoot = usePageRoot()
  const { params } = useRouter()
  const feature = findPendingFeature(params.feature)
  const title = feature?.title ?? '功能建设中'

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title })
  }, [title])

  return (
    <View {...pageRoot('page')}>
      <PendingNotice idPrefix='pending' title={title} summary={feature?.summary} showHomeButton />
    </View>
  )
}
